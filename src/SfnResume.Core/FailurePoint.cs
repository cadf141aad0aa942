using System;
using System.Collections.Generic;

namespace SfnResume
{
    /// <summary>
    /// Where a failed execution stopped, what the state was given, and where to resume it.
    /// <see cref="ExecutionArn"/> and <see cref="StateMachineArn"/> bind by name into the next cmdlet.
    /// </summary>
    public sealed class FailurePoint
    {
        /// <summary>Null for a saved history, which does not record its own ARN.</summary>
        public string? ExecutionArn { get; set; }

        public string ExecutionName { get; set; } = string.Empty;

        public string? StateMachineArn { get; set; }

        /// <summary>FAILED, TIMED_OUT or ABORTED.</summary>
        public string Status { get; set; } = string.Empty;

        /// <summary>The innermost state that failed, or that was still running when the execution stopped.</summary>
        public string? FailedState { get; set; }

        /// <summary>The failed state's place: top-level state, branch or iteration, ..., failed state.</summary>
        public string FailedStatePath { get; set; } = string.Empty;

        /// <summary>The top-level state to resume at.</summary>
        public string? ResumeState { get; set; }

        /// <summary>The JSON the resume state was entered with, as recorded; null when the history has no execution data.</summary>
        public string? ResumeInput { get; set; }

        public bool InputKnown => ResumeInput != null;

        /// <summary>The JSON the failed state itself was entered with, inside its branch or iteration.</summary>
        public string? FailedStateInput { get; set; }

        /// <summary>
        /// Each Parallel and Map on the way from the top to the failed state, outermost first: every branch's
        /// or iteration's outcome and recorded output, and where the failed one resumes. A precise GoTo copy
        /// replays what succeeded and re-runs only the rest. Empty for a failure at the top level, or when the
        /// definition is not known.
        /// </summary>
        public IReadOnlyList<History.ContainerRecord> Containers
        {
            get => containers;
            set => containers = History.RecordList<History.ContainerRecord>.Of(value);
        }

        private IReadOnlyList<History.ContainerRecord> containers = History.RecordList<History.ContainerRecord>.Empty;

        /// <summary>"'Process items': 4,997 of 5,000 iterations succeeded; 'Parallel 2': branch 2 of 3 failed"; null at the top level.</summary>
        public string? Summary => Containers.Count == 0 ? null : string.Join("; ", System.Linq.Enumerable.Select(Containers, c => c.Summary));

        /// <summary>Top-level variables in scope when the resume state was entered: name to JSON value.</summary>
        public IReadOnlyDictionary<string, string> Variables
        {
            get => variables;
            set => variables = VariableMap.Of(value);
        }

        private IReadOnlyDictionary<string, string> variables = VariableMap.Empty;

        public string? Error { get; set; }

        public string? Cause { get; set; }

        /// <summary>The cause read as JSON when it is JSON (Lambda errors: errorMessage, errorType, stackTrace); null otherwise.</summary>
        public IReadOnlyDictionary<string, object?>? CauseDetails { get; set; }

        /// <summary>The history event where the failure arose.</summary>
        public long EventId { get; set; }

        public DateTime FailedAt { get; set; }

        public int RetryCount { get; set; }

        public int RedriveCount { get; set; }

        /// <summary>JSONPath or JSONata; null when the definition is not known.</summary>
        public string? QueryLanguage { get; set; }

        /// <summary>For a failed Distributed Map: the Map Run, whose child executions hold the item failures.</summary>
        public string? MapRunArn { get; set; }

        /// <summary>
        /// For a failed Distributed Map: its run, with the item and child counts (DescribeMapRun) and why it failed
        /// (the MapRunFailed event); null when the failure is not in a Distributed Map.
        /// </summary>
        public MapRun? MapRun { get; set; }

        /// <summary>For a child execution of a Map Run (Get-SfnFailurePoint -MapRunChildren): the execution whose Distributed Map started it.</summary>
        public string? ParentExecutionArn { get; set; }

        /// <summary>For a child execution of a Map Run: the run it belongs to (<see cref="MapRunArn"/> is a Map Run of its own, if it has one).</summary>
        public string? ParentMapRunArn { get; set; }

        /// <summary>
        /// The execution's own input, when it was read: for a child of a Map Run, its item (or batch), from its
        /// ExecutionStarted event (Standard, or Express from its log records), else DescribeExecution (an Express
        /// child whose records could not be read: see <see cref="LogsProblem"/>). Null otherwise.
        /// </summary>
        public string? ExecutionInput { get; set; }

        /// <summary>
        /// For an Express child of a Map Run whose failure point did not come from its CloudWatch Logs records: why,
        /// as a stable code (ExpressLoggingOff, ExpressLogLevelTooLow, ExpressNoExecutionData, ExpressRecordsNotFound,
        /// ...); its failed state is then unknown and <see cref="ExecutionInput"/> is from DescribeExecution. Null otherwise.
        /// </summary>
        public string? LogsProblem { get; set; }

        /// <summary>What an operator should know: a caught error, a guessed resume state, missing data.</summary>
        public IReadOnlyList<string> Notes
        {
            get => notes;
            set => notes = TextList.Of(value);
        }

        private IReadOnlyList<string> notes = TextList.Empty;

        /// <summary>"AWS", or the path of the saved history that was read.</summary>
        public string Source { get; set; } = string.Empty;

        /// <summary>
        /// The execution's ARN, or for a history read from a file its name: what "$point" shows, and what binds
        /// when a failure point is piped to a parameter that takes a string (not an ARN offline, so refused
        /// locally rather than sent to AWS).
        /// </summary>
        public override string ToString() => ExecutionArn ?? ExecutionName;
    }
}
