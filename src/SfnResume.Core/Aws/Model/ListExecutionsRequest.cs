namespace SfnResume.Aws.Model
{
    /// <summary>ListExecutions: one page of a state machine's (or Map Run's) executions, newest first.</summary>
    public sealed class ListExecutionsRequest
    {
        public string? StateMachineArn { get; set; }

        public string? MapRunArn { get; set; }

        /// <summary>RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE.</summary>
        public string? StatusFilter { get; set; }

        /// <summary>0-1000.</summary>
        public int? MaxResults { get; set; }

        public string? NextToken { get; set; }

        /// <summary>REDRIVEN or NOT_REDRIVEN.</summary>
        public string? RedriveFilter { get; set; }
    }
}
