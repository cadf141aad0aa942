using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// Plays recorded or built executions for a loopback endpoint: GetExecutionHistory from lists of events
    /// (wire-format JSON objects), paging with nextToken and honouring reverseOrder and maxResults like the
    /// service; DescribeExecution and DescribeStateMachineForExecution from what was registered.
    /// Unknown executions get ExecutionDoesNotExist.
    /// </summary>
    public sealed class HistoryServer
    {
        private readonly Dictionary<string, IReadOnlyList<string>> histories = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Status, string? Definition)> executions = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);

        public void Add(string executionArn, IReadOnlyList<string> events, string status = "FAILED", string? definition = null)
        {
            histories[executionArn] = events;
            executions[executionArn] = (status, definition);
        }

        /// <summary>The events registered for an execution.</summary>
        public IReadOnlyList<string> Describe(string executionArn) => histories[executionArn];

        /// <summary>A plain history of <paramref name="count"/> events: started, states entered and exited, failed.</summary>
        public static IReadOnlyList<string> SimpleHistory(int count, string secretLookingInput = "{}")
        {
            var events = new List<string> { Event(1, 0, "ExecutionStarted", "executionStartedEventDetails", $"{{\"input\":{JsonSerializer.Serialize(secretLookingInput)}}}") };
            for (var id = 2; id < count; id++)
            {
                events.Add(id % 2 == 0
                    ? Event(id, id - 1, "PassStateEntered", "stateEnteredEventDetails", $"{{\"name\":\"Step {id / 2}\",\"input\":\"{{}}\"}}")
                    : Event(id, id - 1, "PassStateExited", "stateExitedEventDetails", $"{{\"name\":\"Step {id / 2}\",\"output\":\"{{}}\"}}"));
            }

            events.Add(Event(count, count - 1, "ExecutionFailed", "executionFailedEventDetails", "{\"error\":\"States.TaskFailed\",\"cause\":\"boom\"}"));
            return events;
        }

        public static string Event(long id, long previous, string type, string? detailsName = null, string? details = null)
        {
            var timestamp = (1700000000 + id / 1000.0).ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
            var text = $"{{\"timestamp\":{timestamp},\"type\":\"{type}\",\"id\":{id},\"previousEventId\":{previous}";
            return detailsName == null ? text + "}" : text + $",\"{detailsName}\":{details}}}";
        }

        /// <summary>One GetExecutionHistory page of <paramref name="events"/>, as the request asks: reverseOrder, maxResults (100 by default), nextToken.</summary>
        public static LoopbackResponse Page(IReadOnlyList<string> events, JsonElement request)
        {
            var reverse = request.TryGetProperty("reverseOrder", out var r) && r.GetBoolean();
            var max = request.TryGetProperty("maxResults", out var m) && m.GetInt32() > 0 ? m.GetInt32() : 100;
            var start = request.TryGetProperty("nextToken", out var t) ? int.Parse(t.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : 0;
            var ordered = reverse ? events.Reverse().ToList() : events.ToList();
            var page = ordered.Skip(start).Take(max).ToList();
            var next = start + page.Count < ordered.Count ? $",\"nextToken\":\"{start + page.Count}\"" : string.Empty;
            var json = new StringBuilder("{\"events\":[").Append(string.Join(",", page)).Append(']').Append(next).Append('}');
            return LoopbackResponse.Json(json.ToString());
        }

        public LoopbackResponse Handle(RecordedRequest request)
        {
            using var body = JsonDocument.Parse(request.Body);
            var root = body.RootElement;
            var arn = root.TryGetProperty("executionArn", out var a) ? a.GetString() ?? string.Empty : string.Empty;
            if (!histories.TryGetValue(arn, out var events))
            {
                return LoopbackResponse.Error("ExecutionDoesNotExist", $"Execution Does Not Exist: '{arn}'");
            }

            var stateMachineArn = SfnResume.Aws.ExecutionArns.StateMachineOf(arn);
            switch (request.Operation)
            {
                case "GetExecutionHistory":
                    break;
                case "DescribeExecution":
                    return LoopbackResponse.Json(JsonSerializer.Serialize(new Dictionary<string, object?>
                    {
                        ["executionArn"] = arn,
                        ["stateMachineArn"] = stateMachineArn,
                        ["name"] = SfnResume.Aws.ExecutionArns.NameOf(arn),
                        ["status"] = executions[arn].Status,
                        ["startDate"] = 1700000000.0,
                        ["redriveCount"] = events.Count(e => e.Contains("\"ExecutionRedriven\"")),
                    }));
                case "DescribeStateMachineForExecution":
                    return executions[arn].Definition == null
                        ? LoopbackResponse.Error("AccessDeniedException", "not allowed to read the definition")
                        : LoopbackResponse.Json(JsonSerializer.Serialize(new Dictionary<string, object?>
                        {
                            ["stateMachineArn"] = stateMachineArn,
                            ["name"] = "Machine",
                            ["definition"] = executions[arn].Definition,
                            ["roleArn"] = "arn:aws:iam::123456789012:role/sfn",
                            ["updateDate"] = 1700000000.0,
                        }));
                default:
                    return LoopbackResponse.Error("UnknownOperationException", request.Operation);
            }

            return Page(events, root);
        }
    }
}
