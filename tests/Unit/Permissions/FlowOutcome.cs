namespace SfnResume.Tests.Permissions
{
    /// <summary>How a README example went: whether it did what the README says, and everything it said.</summary>
    public sealed class FlowOutcome
    {
        public FlowOutcome(FlowRun run, string? problem, string said)
        {
            Run = run;
            Problem = problem;
            Said = said;
        }

        public FlowRun Run { get; }

        /// <summary>Null when it succeeded; else errors, or what the user's check found wrong.</summary>
        public string? Problem { get; }

        public bool Succeeded => Problem == null;

        /// <summary>Every text the user could see: output, errors (silenced ones too), warnings, verbose lines, and the check's finding.</summary>
        public string Said { get; }
    }
}
