namespace SfnResume.Copies
{
    /// <summary>The values of <see cref="GoToCopy.Status"/>: stable words a runbook can compare against.</summary>
    public static class GoToCopyStatus
    {
        /// <summary>No execution of the copy is running.</summary>
        public const string Idle = "Idle";

        /// <summary>At least one execution of the copy is running.</summary>
        public const string Running = "Running";

        /// <summary>Whether the copy runs anything cannot be told: Step Functions lists no Express executions.</summary>
        public const string Unknown = "Unknown";

        /// <summary>AWS is deleting the copy: it goes once its executions have ended.</summary>
        public const string Deleting = "Deleting";

        /// <summary>Remove-SfnGoToStateMachine deleted the copy (AWS finishes the deletion on its side).</summary>
        public const string Deleted = "Deleted";
    }
}
