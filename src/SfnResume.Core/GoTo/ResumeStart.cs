using System.Collections.Generic;

namespace SfnResume.GoTo
{
    /// <summary>The StartExecution input that resumes a GoTo copy, and how precisely it resumes.</summary>
    public sealed class ResumeStart
    {
        public ResumeStart(string input, ReplayPlan plan, IReadOnlyList<string> warnings)
        {
            Input = input;
            Plan = plan;
            Warnings = warnings;
        }

        /// <summary><c>{"resuming": {"state", "input", "variables"[, "replay"]}}</c>.</summary>
        public string Input { get; }

        public ReplayPlan Plan { get; }

        /// <summary>What the operator should hear about: a fallback to re-running the whole state, and why.</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>
        /// For a failure in a top-level Distributed Map whose Map Run was read: what runs again, the item file to
        /// write before the run starts (precise), and what the Map's result then holds. Null otherwise.
        /// </summary>
        public Distributed.DistributedResumePlan? Distributed { get; internal set; }
    }
}
