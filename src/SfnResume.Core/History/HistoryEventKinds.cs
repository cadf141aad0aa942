using System;
using System.Collections.Generic;
using SfnResume.Aws.Model;

namespace SfnResume.History
{
    /// <summary>What each history event type means for locating a failure. Unknown (future) types are neutral.</summary>
    internal static class HistoryEventKinds
    {
        private static readonly HashSet<string> Terminal = new HashSet<string>(StringComparer.Ordinal)
        {
            "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted",
        };

        /// <summary>Events where an error arises, as opposed to events that only pass it on (ParallelStateFailed, ...).</summary>
        private static readonly HashSet<string> Origins = new HashSet<string>(StringComparer.Ordinal)
        {
            "TaskFailed", "TaskTimedOut", "TaskStartFailed", "TaskSubmitFailed",
            "LambdaFunctionFailed", "LambdaFunctionTimedOut", "LambdaFunctionStartFailed", "LambdaFunctionScheduleFailed",
            "ActivityFailed", "ActivityTimedOut", "ActivityScheduleFailed",
            "EvaluationFailed", "FailStateEntered", "MapRunFailed",
        };

        /// <summary>Events that start one attempt of a state: one more than the retries the state made.</summary>
        private static readonly HashSet<string> AttemptStarts = new HashSet<string>(StringComparer.Ordinal)
        {
            "TaskScheduled", "LambdaFunctionScheduled", "ActivityScheduled", "MapStateStarted", "ParallelStateStarted",
        };

        public static bool IsTerminalFailure(HistoryEvent e) => Terminal.Contains(e.Type);

        public static bool IsFailureOrigin(HistoryEvent e) => Origins.Contains(e.Type);

        public static bool IsAttemptStart(HistoryEvent e) => AttemptStarts.Contains(e.Type);

        /// <summary>The start of an attempt: the execution's start, or a redrive.</summary>
        public static bool IsSegmentStart(HistoryEvent e) => e.Type == "ExecutionStarted" || e.Type == "ExecutionRedriven";

        public static bool IsStateEntered(HistoryEvent e) => e.Type.EndsWith("StateEntered", StringComparison.Ordinal);

        public static bool IsStateExited(HistoryEvent e) => e.Type.EndsWith("StateExited", StringComparison.Ordinal);

        public static bool IsContainerEntered(HistoryEvent e) => e.Type == "ParallelStateEntered" || e.Type == "MapStateEntered";

        public static bool IsContainerExited(HistoryEvent e) => e.Type == "ParallelStateExited" || e.Type == "MapStateExited";

        /// <summary>A failure that ended an attempt of a state (raised or passed on), e.g. TaskFailed or ParallelStateFailed.</summary>
        public static bool IsFailure(HistoryEvent e) =>
            !e.Type.StartsWith("Execution", StringComparison.Ordinal)
            && (e.Type.EndsWith("Failed", StringComparison.Ordinal) || e.Type.EndsWith("TimedOut", StringComparison.Ordinal));

        public static string StatusOf(HistoryEvent terminal)
        {
            switch (terminal.Type)
            {
                case "ExecutionFailed": return "FAILED";
                case "ExecutionTimedOut": return "TIMED_OUT";
                case "ExecutionAborted": return "ABORTED";
                case "ExecutionSucceeded": return "SUCCEEDED";
                default: return "RUNNING";
            }
        }
    }
}
