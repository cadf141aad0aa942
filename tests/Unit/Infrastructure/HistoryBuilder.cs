using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// Writes execution histories event by event in the GetExecutionHistory wire format, linking each event
    /// to the one it follows as AWS does (see the reference notes: the first state after ExecutionStarted
    /// links to 0, branch starts link to ParallelStateStarted, iterations chain to the previous iteration).
    /// Payloads are JSON text inside strings, like the API's.
    /// </summary>
    public sealed class HistoryBuilder
    {
        private readonly List<string> events = new List<string>();
        private readonly bool includeExecutionData;

        public HistoryBuilder(bool includeExecutionData = true)
        {
            this.includeExecutionData = includeExecutionData;
        }

        public IReadOnlyList<string> Events => events;

        public long LastId => events.Count;

        public long Add(string type, long previous, string? detailsName = null, object? details = null)
        {
            var id = events.Count + 1;
            var timestamp = (1700000000 + id / 100.0).ToString("F3", CultureInfo.InvariantCulture);
            var json = $"{{\"timestamp\":{timestamp},\"type\":\"{type}\",\"id\":{id},\"previousEventId\":{previous}";
            if (detailsName != null)
            {
                json += $",\"{detailsName}\":{JsonSerializer.Serialize(details)}";
            }

            events.Add(json + "}");
            return id;
        }

        public long Started(string input) => Add("ExecutionStarted", 0, "executionStartedEventDetails", Data(new Dictionary<string, object?> { ["input"] = input, ["roleArn"] = "arn:aws:iam::123456789012:role/sfn" }));

        public long Entered(string kind, string name, string input, long previous) =>
            Add(kind + "StateEntered", previous, "stateEnteredEventDetails", Data(new Dictionary<string, object?> { ["name"] = name, ["input"] = input }));

        public long Exited(string kind, string name, string output, long previous, IDictionary<string, string>? assigned = null)
        {
            var details = Data(new Dictionary<string, object?> { ["name"] = name, ["output"] = output });
            if (assigned != null)
            {
                details["assignedVariables"] = assigned;
            }

            return Add(kind + "StateExited", previous, "stateExitedEventDetails", details);
        }

        /// <summary>A Pass state from entry to exit; returns the Exited id.</summary>
        public long Pass(string name, string input, long previous, IDictionary<string, string>? assigned = null) =>
            Exited("Pass", name, input, Entered("Pass", name, input, previous), assigned);

        /// <summary>A Lambda task that succeeds; returns the Exited id.</summary>
        public long Task(string name, string input, string output, long previous, IDictionary<string, string>? assigned = null)
        {
            var entered = Entered("Task", name, input, previous);
            var scheduled = Add("TaskScheduled", entered, "taskScheduledEventDetails", new Dictionary<string, object?> { ["resourceType"] = "lambda", ["resource"] = "invoke", ["region"] = "us-east-1", ["parameters"] = "{}" });
            var started = Add("TaskStarted", scheduled, "taskStartedEventDetails", new Dictionary<string, object?> { ["resourceType"] = "lambda", ["resource"] = "invoke" });
            var succeeded = Add("TaskSucceeded", started, "taskSucceededEventDetails", Data(new Dictionary<string, object?> { ["resourceType"] = "lambda", ["resource"] = "invoke", ["output"] = output }));
            return Exited("Task", name, output, succeeded, assigned);
        }

        /// <summary>A Lambda task that fails after <paramref name="attempts"/> attempts; returns the last TaskFailed id.</summary>
        public long FailingTask(string name, string input, long previous, string error, int attempts = 1)
        {
            var last = Entered("Task", name, input, previous);
            for (var attempt = 0; attempt < attempts; attempt++)
            {
                var scheduled = Add("TaskScheduled", last, "taskScheduledEventDetails", new Dictionary<string, object?> { ["resourceType"] = "lambda", ["resource"] = "invoke", ["region"] = "us-east-1", ["parameters"] = "{}" });
                var started = Add("TaskStarted", scheduled, "taskStartedEventDetails", new Dictionary<string, object?> { ["resourceType"] = "lambda", ["resource"] = "invoke" });
                last = Add("TaskFailed", started, "taskFailedEventDetails", new Dictionary<string, object?> { ["resourceType"] = "lambda", ["resource"] = "invoke", ["error"] = error, ["cause"] = "{\"errorMessage\":\"" + name + " broke\",\"errorType\":\"" + error + "\"}" });
            }

            return last;
        }

        public long Failed(long previous, string error, string cause) =>
            Add("ExecutionFailed", previous, "executionFailedEventDetails", new Dictionary<string, object?> { ["error"] = error, ["cause"] = cause });

        private Dictionary<string, object?> Data(Dictionary<string, object?> details)
        {
            if (!includeExecutionData)
            {
                details.Remove("input");
                details.Remove("output");
            }

            return details;
        }
    }
}
