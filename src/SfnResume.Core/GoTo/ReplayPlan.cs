using System;
using System.Collections.Generic;

namespace SfnResume.GoTo
{
    /// <summary>What a resumed run replays and what it runs again, and the replay data that tells the copy so.</summary>
    public sealed class ReplayPlan
    {
        private ReplayPlan(ResumePrecision precision, string? replayJson, IReadOnlyList<string> replayed, IReadOnlyList<string> rerun, string? reason, string? innerState = null)
        {
            InnerState = innerState;
            Precision = precision;
            ReplayJson = replayJson;
            Replayed = replayed;
            Rerun = rerun;
            Reason = reason;
        }

        public ResumePrecision Precision { get; }

        /// <summary>The value of <c>resuming.replay</c>; null when the state re-runs whole.</summary>
        public string? ReplayJson { get; }

        /// <summary>What keeps its recorded output, e.g. "'Parallel 2': branch 1".</summary>
        public IReadOnlyList<string> Replayed { get; }

        /// <summary>What runs again, e.g. "'Parallel 2': branch 2 from 'Process 2'".</summary>
        public IReadOnlyList<string> Rerun { get; }

        /// <summary>For a precise resume: the state inside the failed branch or iteration that runs again first.</summary>
        public string? InnerState { get; }

        /// <summary>Why the run is less precise than it could be: the whole state re-runs, or a part of it does.</summary>
        public string? Reason { get; }

        public static ReplayPlan Precise(string replayJson, IReadOnlyList<string> replayed, IReadOnlyList<string> rerun, string? reason, string? innerState) =>
            new ReplayPlan(ResumePrecision.Precise, replayJson, replayed, rerun, reason, innerState);

        /// <param name="state">The top-level state that re-runs.</param>
        /// <param name="reason">Why; null when whole was asked for, or the state holds no branches.</param>
        public static ReplayPlan Whole(string state, string? reason) =>
            new ReplayPlan(ResumePrecision.WholeState, null, Array.Empty<string>(), new[] { $"'{state}' whole" }, reason);
    }
}
