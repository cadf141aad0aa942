namespace SfnResume.Aws
{
    /// <summary>What an execution's status says about it.</summary>
    public static class ExecutionStatuses
    {
        /// <summary>FAILED, TIMED_OUT or ABORTED: closed without succeeding, so there is a failure point to resume from.</summary>
        public static bool IsFailed(string? status) => status == "FAILED" || status == "TIMED_OUT" || status == "ABORTED";
    }
}
