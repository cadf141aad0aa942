using System;
using System.Collections.Generic;

namespace SfnResume.History
{
    /// <summary>What a history says about where and why an execution stopped, and where to resume it.</summary>
    public sealed class FailureAnalysis
    {
        /// <summary>FAILED, TIMED_OUT or ABORTED.</summary>
        public string Status { get; set; } = string.Empty;

        /// <summary>The innermost state that failed (or was still running when the execution stopped).</summary>
        public string? FailedState { get; set; }

        /// <summary>From the top-level state down to <see cref="FailedState"/>, with branch and iteration steps.</summary>
        public IReadOnlyList<string> FailedStatePath { get; set; } = Array.Empty<string>();

        /// <summary>The top-level state to resume at: a GoTo Choice can only jump to top-level states.</summary>
        public string? ResumeState { get; set; }

        /// <summary>The input the resume state was entered with, as recorded (JSON text); null when the history has no execution data.</summary>
        public string? ResumeInput { get; set; }

        public long? ResumeStateEventId { get; set; }

        /// <summary>Top-level variables (<c>Assign</c>) in scope when the resume state was entered: name to JSON text.</summary>
        public IReadOnlyDictionary<string, string> Variables { get; set; } = new Dictionary<string, string>();

        public string? Error { get; set; }

        public string? Cause { get; set; }

        /// <summary>The event where the failure arose (or the terminal event when no state failed).</summary>
        public long EventId { get; set; }

        public DateTime FailedAt { get; set; }

        /// <summary>Retries the failed state made before giving up.</summary>
        public int RetryCount { get; set; }

        public string? MapRunArn { get; set; }

        /// <summary>The error of the Map Run's MapRunFailed event (e.g. States.ExceedToleratedFailureThreshold); null when it has none.</summary>
        public string? MapRunError { get; set; }

        /// <summary>The cause of the Map Run's MapRunFailed event.</summary>
        public string? MapRunCause { get; set; }

        /// <summary>Explanations an operator needs: a caught error, a guessed resume state, missing data.</summary>
        public IReadOnlyList<string> Notes { get; set; } = Array.Empty<string>();

        /// <summary>The JSON the failed state was entered with, at its own level.</summary>
        public string? FailedStateInput { get; set; }

        /// <summary>The Parallel and Map states on the way to the resume state, outermost first, with what each branch and iteration did; empty at the top level or without a definition.</summary>
        public IReadOnlyList<ContainerRecord> Containers { get; set; } = Array.Empty<ContainerRecord>();

        /// <summary>How many events had to be read.</summary>
        public int EventsRead { get; set; }
    }
}
