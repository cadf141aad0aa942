namespace SfnResume.Redrive
{
    /// <summary>One execution to resume: its ARN, and its failure point when the caller already has one.</summary>
    public sealed class RedriveTarget
    {
        public RedriveTarget(string executionArn, FailurePoint? failurePoint = null)
        {
            ExecutionArn = executionArn;
            FailurePoint = failurePoint;
        }

        public string ExecutionArn { get; }

        /// <summary>From Get-SfnFailurePoint: a GoTo run uses its resume state and input instead of reading the history again.</summary>
        public FailurePoint? FailurePoint { get; }
    }
}
