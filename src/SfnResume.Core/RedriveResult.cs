using System;
using System.Collections.Generic;
using SfnResume.Preflight;

namespace SfnResume
{
    /// <summary>
    /// What Invoke-SfnRedrive did with one failed execution, or what Test-SfnRedrive would do.
    /// <see cref="ExecutionArn"/> is the source execution, so a plan binds by name back into Invoke-SfnRedrive.
    /// </summary>
    public sealed class RedriveResult
    {
        /// <summary>The failed execution that was (or would be) resumed.</summary>
        public string ExecutionArn { get; set; } = string.Empty;

        /// <summary>Redrive (RedriveExecution), GoTo (a new run of the GoTo copy), or None (skipped).</summary>
        public string Method { get; set; } = string.Empty;

        /// <summary>The run that carries on: the same ARN for a redrive, the new execution for GoTo.</summary>
        public string? ResumedExecutionArn { get; set; }

        /// <summary>The state machine running the resumed run: the original for a redrive, the GoTo copy for GoTo.</summary>
        public string? StateMachineArn { get; set; }

        /// <summary>The top-level state a GoTo run starts at. A redrive restarts at the failed state itself, which AWS chooses.</summary>
        public string? ResumeState { get; set; }

        /// <summary>For GoTo: Precise (inside a Parallel or Map only what did not finish runs again) or WholeState.</summary>
        public string? Precision { get; set; }

        /// <summary>For GoTo: why the run repeats work the failed run had finished; always set when <see cref="Precision"/> is WholeState.</summary>
        public string? PrecisionNote { get; set; }

        /// <summary>For GoTo: stable codes for <see cref="PrecisionNote"/> (NoTwin, InputTooLarge, OutputTruncated, ...); empty when nothing was given up.</summary>
        public IReadOnlyList<string> PrecisionCodes
        {
            get => precisionCodes;
            set => precisionCodes = TextList.Of(value);
        }

        private IReadOnlyList<string> precisionCodes = TextList.Empty;

        /// <summary>The execution's redrive count: after the redrive for Redrive, as it was otherwise.</summary>
        public int RedriveCount { get; set; }

        /// <summary>
        /// For GoTo: which resume of the execution the run is (1 for the first; the next after a resumed run
        /// that failed again), the number in its name <c>&lt;execution&gt;-r&lt;attempt&gt;-&lt;hash&gt;</c>.
        /// </summary>
        public int? Attempt { get; set; }

        /// <summary>
        /// The status of the run that carries on (RUNNING, SUCCEEDED, ...): with Status AlreadyResumed as it was
        /// looked at; after -Wait, or for a canary, as the run ended.
        /// </summary>
        public string? ResumedStatus { get; set; }

        /// <summary>
        /// Planned or Skipped (Test-SfnRedrive, and skips), AlreadyResumed (an earlier resume carries on, see
        /// ResumedExecutionArn and ResumedStatus: nothing was started), Started (the change was made; the result is
        /// written then, with -Wait too), or, filled in by -Wait on the same object when the run ends, the run's own
        /// status: SUCCEEDED, FAILED, TIMED_OUT, ABORTED, or RUNNING when the wait timed out.
        /// </summary>
        public string Status { get; set; } = string.Empty;

        /// <summary>Why native redrive was not used (GoTo) or nothing was done (None), or for a redrive of a failed Distributed Map what it runs again (MapRunRedrive), in words.</summary>
        public string? Reason { get; set; }

        /// <summary>Stable codes for <see cref="Reason"/>: NotStandard, ClosedTooLongAgo, DefinitionChanged, ...</summary>
        public IReadOnlyList<string> ReasonCodes
        {
            get => reasonCodes;
            set => reasonCodes = TextList.Of(value);
        }

        private IReadOnlyList<string> reasonCodes = TextList.Empty;

        /// <summary>When the resumed run was started or redriven.</summary>
        public DateTime? ResumedAt { get; set; }

        /// <summary>
        /// With -Preflight: Passed, Failed (with the error and cause the resume state raised on the input it would
        /// be given) or NotTestable (with the reason); null without -Preflight, or for an execution not resumed.
        /// </summary>
        public PreflightOutcome? Preflight { get; set; }

        /// <summary>
        /// With -Canary: one of the first executions of its state machine, resumed and waited for before the
        /// others; its Status is then the run's end (SUCCEEDED, or FAILED with a FailurePoint).
        /// </summary>
        public bool Canary { get; set; }

        /// <summary>
        /// For an execution that failed in a Distributed Map: its Map Run, with the item counts when it was
        /// described. A redrive redrives it (reason MapRunRedrive); a GoTo copy re-runs the whole Map.
        /// </summary>
        public MapRun? MapRun { get; set; }

        /// <summary>For a failure in a Distributed Map: the items a redrive runs again (failed, timed out, aborted, never started); null when not known.</summary>
        public long? ItemsRunAgainByRedrive => MapRun?.ItemsToRunAgain;

        /// <summary>
        /// For a failure in a Distributed Map: the items a GoTo copy runs again: those that did not succeed when
        /// its Map Run was read and the resume is precise (see <see cref="ItemFile"/>), else all of them, as it
        /// re-runs the whole Map; null when not known.
        /// </summary>
        public long? ItemsRunAgainByGoTo => goToItems ?? MapRun?.ItemCounts?.Total;

        private long? goToItems;

        /// <summary>The precise count behind <see cref="ItemsRunAgainByGoTo"/>, once the Map Run was read.</summary>
        internal void SetItemsRunAgainByGoTo(long? count) => goToItems = count;

        /// <summary>
        /// A precise GoTo resume of a failed Distributed Map: the S3 object (<c>s3://bucket/key</c>) listing the
        /// items the resumed run runs, written when the resume is started (once: its key holds a hash of its
        /// content); null otherwise.
        /// </summary>
        public string? ItemFile { get; set; }

        /// <summary>For a GoTo resume of a failure in a Distributed Map whose Map Run was read: what the Map's result holds after the resume, in words.</summary>
        public string? MapResult { get; set; }

        /// <summary>After -Wait or as a canary, when the resumed run failed again: where.</summary>
        public FailurePoint? FailurePoint { get; set; }

        /// <summary>The execution that was (or was not) resumed.</summary>
        public override string ToString() => ExecutionArn;
    }
}
