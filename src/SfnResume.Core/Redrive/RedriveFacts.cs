using System;

namespace SfnResume.Redrive
{
    /// <summary>What is known about one execution when deciding whether RedriveExecution can resume it.</summary>
    public sealed class RedriveFacts
    {
        /// <summary>FAILED, TIMED_OUT, ABORTED, SUCCEEDED, RUNNING or PENDING_REDRIVE.</summary>
        public string Status { get; set; } = string.Empty;

        /// <summary>STANDARD or EXPRESS; null when unknown.</summary>
        public string? StateMachineType { get; set; }

        public DateTime StartDate { get; set; }

        public DateTime? StopDate { get; set; }

        /// <summary>The number of events in the history (the terminal event's id); null when unknown.</summary>
        public long? HistoryEventCount { get; set; }

        /// <summary>Whether the state machine's current definition is the one the execution ran; null when unknown.</summary>
        public bool? DefinitionUnchanged { get; set; }

        /// <summary>DescribeExecution's redriveStatus (REDRIVABLE, NOT_REDRIVABLE, REDRIVABLE_BY_MAP_RUN); null when unknown.</summary>
        public string? RedriveStatus { get; set; }

        public string? RedriveStatusReason { get; set; }
    }
}
