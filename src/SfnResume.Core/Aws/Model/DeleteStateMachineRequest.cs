namespace SfnResume.Aws.Model
{
    /// <summary>
    /// The DeleteStateMachine request, as in the Step Functions API model, which says what it does: the machine
    /// is set DELETING and deleted once all its executions have ended, and its running executions are stopped
    /// at their next state transition; its versions and aliases go with it. An Express machine goes eventually
    /// (usually within a minute), and its running executions may still write logs after the call.
    /// </summary>
    public sealed class DeleteStateMachineRequest
    {
        /// <summary>The unqualified state machine ARN.</summary>
        public string StateMachineArn { get; set; } = string.Empty;
    }
}
