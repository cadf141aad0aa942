namespace SfnResume.Redrive
{
    /// <summary>How Invoke-SfnRedrive resumes an execution.</summary>
    public enum RedriveMethod
    {
        /// <summary>RedriveExecution when the execution is eligible, else a GoTo copy.</summary>
        Auto,

        /// <summary>RedriveExecution only; executions AWS would refuse are skipped. Redrives even when the definition changed since.</summary>
        Redrive,

        /// <summary>A GoTo copy of the current definition, started at the failed top-level state with the recorded input.</summary>
        GoTo,
    }
}
