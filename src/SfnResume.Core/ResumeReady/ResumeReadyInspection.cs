using SfnResume.GoTo;

namespace SfnResume.ResumeReady
{
    /// <summary>What <see cref="ResumeReadyDefinitions.Inspect"/> found in a definition.</summary>
    public sealed class ResumeReadyInspection
    {
        internal ResumeReadyInspection(ResumeReadyStatus status, string reason, string? original, GoToDefinition? goTo)
        {
            Status = status;
            Reason = reason;
            Original = original;
            GoTo = goTo;
        }

        public ResumeReadyStatus Status { get; }

        /// <summary>Why, in words an operator or a pipeline log can act on.</summary>
        public string Reason { get; }

        /// <summary>The definition it was made from (its own states, its own start); null when it is not resume-ready.</summary>
        public string? Original { get; }

        /// <summary>For <see cref="ResumeReadyStatus.Current"/>: the GoTo form, whose targets and twins a resume on the machine uses.</summary>
        public GoToDefinition? GoTo { get; }

        /// <summary>Resumes can start on the machine itself.</summary>
        public bool CanResumeOnMachine => Status == ResumeReadyStatus.Current || Status == ResumeReadyStatus.OutOfDate;
    }
}
