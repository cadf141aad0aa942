namespace SfnResume
{
    /// <summary>
    /// A resumable GoTo copy of a state machine, and the input that resumes it. <see cref="StateMachineArn"/>
    /// and <see cref="Input"/> bind by name into Start-SFNExecution and Start-SfnGoToExecution.
    /// </summary>
    public sealed class GoToStateMachine
    {
        /// <summary>The copy's ARN; null when the copy was only written offline.</summary>
        public string? StateMachineArn { get; set; }

        /// <summary>
        /// The copy's name. Deliberately not "Name": Start-SFNExecution binds -Name (the execution's name) by
        /// property name, and every resume of the same copy would then try to reuse one execution name.
        /// </summary>
        public string StateMachineName { get; set; } = string.Empty;

        public string? SourceStateMachineArn { get; set; }

        /// <summary>The failed execution this copy resumes, when it came from a failure point.</summary>
        public string? ExecutionArn { get; set; }

        public string ResumeState { get; set; } = string.Empty;

        /// <summary>The resuming input as JSON: <c>{"resuming":{"state","input","variables"}}</c>.</summary>
        public string Input { get; set; } = string.Empty;

        /// <summary>The copy's definition.</summary>
        public string Definition { get; set; } = string.Empty;

        /// <summary>New, Reused, Updated, or Offline (written, not created).</summary>
        public string Created { get; set; } = string.Empty;

        /// <summary>The copy's ARN, or offline its name.</summary>
        public override string ToString() => StateMachineArn ?? StateMachineName;
    }
}
