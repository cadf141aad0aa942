namespace SfnResume
{
    /// <summary>
    /// What Test-SfnResumeReadyDefinition found: whether a deployed definition is resume-ready and current, so that
    /// resumes start on the machine itself. A deployment pipeline fails on <see cref="Passed"/> false.
    /// </summary>
    public sealed class ResumeReadyCheck
    {
        /// <summary>What was checked: the state machine (or version) ARN, or the deployed definition's file.</summary>
        public string Deployed { get; set; } = string.Empty;

        /// <summary>The team's original definition it was compared with; null when none was given.</summary>
        public string? Source { get; set; }

        /// <summary>Current, OutOfDate (the source changed since), Stale (another version made it, or it was edited) or NotResumeReady.</summary>
        public string Status { get; set; } = string.Empty;

        /// <summary>Current: resumes start on the machine, and it is what the source (if given) makes.</summary>
        public bool Passed { get; set; }

        /// <summary>Why, and what to do.</summary>
        public string Reason { get; set; } = string.Empty;

        public override string ToString() => $"{Deployed}: {Status}";
    }
}
