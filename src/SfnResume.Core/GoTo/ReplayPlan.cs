using System;
using System.Collections.Generic;
using System.Linq;

namespace SfnResume.GoTo
{
    /// <summary>What a resumed run replays and what it runs again, and the replay data that tells the copy so.</summary>
    public sealed class ReplayPlan
    {
        private static readonly IReadOnlyList<PrecisionReason> None = Array.Empty<PrecisionReason>();

        private ReplayPlan(ResumePrecision precision, string? replayJson, IReadOnlyList<string> replayed, IReadOnlyList<string> rerun, IReadOnlyList<PrecisionReason> reasons, string? innerState = null)
        {
            InnerState = innerState;
            Precision = precision;
            ReplayJson = replayJson;
            Replayed = replayed;
            Rerun = rerun;
            Reasons = reasons;
        }

        public ResumePrecision Precision { get; }

        /// <summary>The value of <c>resuming.replay</c>; null when the state re-runs whole, or holds no branches.</summary>
        public string? ReplayJson { get; }

        /// <summary>What keeps its recorded output, e.g. "'Parallel 2': branch 1".</summary>
        public IReadOnlyList<string> Replayed { get; }

        /// <summary>What runs again, e.g. "'Parallel 2': branch 2 from 'Process 2'".</summary>
        public IReadOnlyList<string> Rerun { get; }

        /// <summary>For a precise resume: the state inside the failed branch or iteration that runs again first.</summary>
        public string? InnerState { get; }

        /// <summary>Each way the run repeats work the failed run had finished; empty when it repeats none.</summary>
        public IReadOnlyList<PrecisionReason> Reasons { get; }

        /// <summary>Why the run is less precise than it could be, in words: the whole state re-runs, or a part of it does; null when nothing was given up.</summary>
        public string? Reason => Reasons.Count == 0 ? null : string.Join(" ", Reasons.Select(r => r.Message));

        /// <summary>The distinct <see cref="PrecisionCodes"/> of <see cref="Reasons"/>, in order.</summary>
        public IReadOnlyList<string> Codes => Reasons.Select(r => r.Code).Distinct(StringComparer.Ordinal).ToList();

        public static ReplayPlan Precise(string replayJson, IReadOnlyList<string> replayed, IReadOnlyList<string> rerun, IReadOnlyList<PrecisionReason> reasons, string? innerState) =>
            new ReplayPlan(ResumePrecision.Precise, replayJson, replayed, rerun, reasons, innerState);

        /// <param name="state">The top-level state that re-runs.</param>
        /// <param name="reason">Why: every whole re-run of a Parallel or Map has one.</param>
        public static ReplayPlan Whole(string state, PrecisionReason reason) =>
            new ReplayPlan(ResumePrecision.WholeState, null, Array.Empty<string>(), new[] { $"'{state}' whole" }, new[] { reason });

        /// <summary>
        /// A resume at a top-level state that holds no branches (a Task, a Pass, a Choice...): it runs again from
        /// its entry, and nothing the failed run finished inside it repeats, so nothing was given up.
        /// </summary>
        public static ReplayPlan AtState(string state) =>
            new ReplayPlan(ResumePrecision.Precise, null, Array.Empty<string>(), new[] { $"'{state}'" }, None);
    }
}
