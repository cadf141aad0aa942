using System;
using System.Collections.Generic;

namespace SfnResume.GoTo.Distributed
{
    /// <summary>
    /// One child execution of a Map Run, as the drill-down reads it: how it ended, the input it ran with
    /// (DescribeExecution), and for a child that did not succeed, the state of the item processor to resume at
    /// and the input that state was entered with (the child's own history, or its logs).
    /// </summary>
    public sealed class MapRunChild
    {
        public MapRunChild(MapRunChildStatus status, string? input)
        {
            Status = status;
            Input = input;
        }

        public MapRunChildStatus Status { get; }

        /// <summary>The child's execution input (JSON text): how it is matched to its item. Null when it was not read.</summary>
        public string? Input { get; }

        /// <summary>Why <see cref="Input"/> was not read (the refusal or error, in AWS's words); null when it was.</summary>
        public string? NotRead { get; set; }

        /// <summary>For messages: the child's execution ARN.</summary>
        public string? ExecutionArn { get; set; }

        /// <summary>
        /// A top-level state of the item processor: where a failed or timed-out child failed (its top-level
        /// ancestor, when it failed deeper), or the state an aborted child was in. Null: it runs from its start.
        /// </summary>
        public string? ResumeState { get; set; }

        /// <summary>The JSON <see cref="ResumeState"/> was entered with; null when not recorded (it then runs from its start).</summary>
        public string? ResumeInput { get; set; }

        /// <summary>For an Express child whose log records could not give where it stopped: why (an ExpressLogsException code).</summary>
        public string? LogsProblem { get; set; }

        /// <summary>The item processor's variables (JSON text by name) as they were when <see cref="ResumeState"/> was entered.</summary>
        public IReadOnlyDictionary<string, string> Variables { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
    }
}
