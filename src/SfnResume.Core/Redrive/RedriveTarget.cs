using SfnResume.Aws.Model;

namespace SfnResume.Redrive
{
    /// <summary>
    /// One execution to resume: its ARN, and what the caller already knows of it: its failure point, or what
    /// ListExecutions said of it (then no DescribeExecution is needed to plan it).
    /// </summary>
    public sealed class RedriveTarget
    {
        public RedriveTarget(string executionArn, FailurePoint? failurePoint = null, ExecutionListItem? listed = null)
        {
            ExecutionArn = executionArn;
            FailurePoint = failurePoint;
            Listed = listed;
        }

        public string ExecutionArn { get; }

        /// <summary>From Get-SfnFailurePoint: a GoTo run uses its resume state and input instead of reading the history again.</summary>
        public FailurePoint? FailurePoint { get; }

        /// <summary>From Get-SFNExecutionList: status, dates, redrive count and version, as ListExecutions gave them.</summary>
        public ExecutionListItem? Listed { get; }
    }
}
