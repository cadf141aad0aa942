using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// CloudWatch Logs records as Step Functions writes them, from the recordings in tests/fixtures/aws-recordings/logs
    /// and from recorded histories: one record per event (numbers as strings, details without their wrapper
    /// name), the records of several executions interleaved in streams, the streams out of order with each other.
    /// </summary>
    public static class LogRecordFixtures
    {
        public static string RecordingsFile => Path.Combine(TestPaths.Fixtures, "aws-recordings", "logs", "test_logs.json");

        private static readonly string[] Payloads = { "input", "output", "parameters" };

        /// <summary>The recorded cases: test id to what AWS answered.</summary>
        public static IReadOnlyDictionary<string, JsonObject> Recordings()
        {
            var root = JsonNode.Parse(File.ReadAllText(RecordingsFile))!["cases"]!.AsObject();
            return root.ToDictionary(p => p.Key, p => p.Value!.AsObject());
        }

        /// <summary>
        /// A recorded GetExecutionHistory as wire data: payloads back to JSON strings (the recording tool parsed them),
        /// the placeholder timestamps numbered (event n at epoch second n).
        /// </summary>
        public static string HistoryFileText(JsonObject recordedCase)
        {
            var events = new JsonArray();
            foreach (var e in recordedCase["get_execution_history"]!["events"]!.AsArray())
            {
                var copy = e!.DeepClone().AsObject();
                copy["timestamp"] = copy["id"]!.GetValue<long>();
                foreach (var member in copy.Where(m => m.Key.EndsWith("EventDetails", StringComparison.Ordinal)).Select(m => m.Value!.AsObject()).ToList())
                {
                    Stringify(member);
                }

                events.Add(copy);
            }

            return new JsonObject { ["events"] = events }.ToJsonString();
        }

        /// <summary>A recorded case's log records as wire data: payloads as JSON strings, event n logged at epoch millisecond 1000n.</summary>
        public static IReadOnlyList<JsonObject> RecordedRecords(JsonObject recordedCase)
        {
            var records = new List<JsonObject>();
            if (recordedCase["logged_execution_events"] is JsonArray logged)
            {
                foreach (var r in logged)
                {
                    var copy = r!.DeepClone().AsObject();
                    copy["event_timestamp"] = (long.Parse(copy["id"]!.GetValue<string>(), CultureInfo.InvariantCulture) * 1000).ToString(CultureInfo.InvariantCulture);
                    Stringify(copy["details"]!.AsObject());
                    records.Add(copy);
                }
            }

            return records;
        }

        /// <summary>The records Step Functions would log at level ALL with execution data for a history in the wire format.</summary>
        public static IReadOnlyList<JsonObject> RecordsOf(string historyFileText, string executionArn)
        {
            var records = new List<JsonObject>();
            var redrives = 0;
            foreach (var e in JsonNode.Parse(historyFileText)!["events"]!.AsArray())
            {
                var wire = e!.AsObject();
                var type = wire["type"]!.GetValue<string>();
                var details = wire.FirstOrDefault(m => m.Key.EndsWith("EventDetails", StringComparison.Ordinal)).Value?.DeepClone() ?? new JsonObject();
                var seconds = wire["timestamp"]!.GetValue<double>();
                if (type == "ExecutionRedriven")
                {
                    redrives++;
                }

                records.Add(new JsonObject
                {
                    ["id"] = wire["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture),
                    ["type"] = type,
                    ["details"] = details,
                    ["previous_event_id"] = (wire["previousEventId"]?.GetValue<long>() ?? 0).ToString(CultureInfo.InvariantCulture),
                    ["event_timestamp"] = ((long)Math.Round(seconds * 1000)).ToString(CultureInfo.InvariantCulture),
                    ["execution_arn"] = executionArn,
                    ["redrive_count"] = redrives.ToString(CultureInfo.InvariantCulture),
                });
            }

            return records;
        }

        /// <summary>
        /// Several executions' records as <c>aws logs filter-log-events</c> prints a log group: spread over three streams
        /// (each in its own order), the executions interleaved within a stream, the streams one after another, so
        /// one execution's records come out of order.
        /// </summary>
        public static string FilterLogEventsOutput(params IReadOnlyList<JsonObject>[] executions)
        {
            var streams = new List<JsonObject>[3] { new List<JsonObject>(), new List<JsonObject>(), new List<JsonObject>() };
            var longest = executions.Max(e => e.Count);
            for (var i = 0; i < longest; i++)
            {
                for (var x = 0; x < executions.Length; x++)
                {
                    if (i < executions[x].Count)
                    {
                        streams[(i + x) % 3].Add(executions[x][i]);
                    }
                }
            }

            var events = new JsonArray();
            for (var s = streams.Length - 1; s >= 0; s--)
            {
                foreach (var record in streams[s])
                {
                    events.Add(new JsonObject
                    {
                        ["logStreamName"] = "states/stream-" + s,
                        ["timestamp"] = long.Parse(record["event_timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                        ["message"] = record.ToJsonString(),
                        ["ingestionTime"] = 1,
                        ["eventId"] = "e" + events.Count,
                    });
                }
            }

            return new JsonObject { ["events"] = events, ["searchedLogStreams"] = new JsonArray() }.ToJsonString();
        }

        /// <summary>The same records as <c>aws logs get-query-results</c> prints a Logs Insights query's rows.</summary>
        public static string QueryResultsOutput(IReadOnlyList<JsonObject> records)
        {
            var rows = new JsonArray();
            foreach (var record in records.Reverse())
            {
                rows.Add(new JsonArray
                {
                    new JsonObject { ["field"] = "@timestamp", ["value"] = "2025-01-01 00:00:00.000" },
                    new JsonObject { ["field"] = "@message", ["value"] = record.ToJsonString() },
                    new JsonObject { ["field"] = "@ptr", ["value"] = "p" },
                });
            }

            return new JsonObject { ["results"] = rows, ["status"] = "Complete" }.ToJsonString();
        }

        /// <summary>The recording tool parsed JSON strings into JSON; on the wire they are strings.</summary>
        private static void Stringify(JsonObject details)
        {
            foreach (var name in Payloads)
            {
                if (details[name] is JsonNode value && value.GetValueKind() != JsonValueKind.String)
                {
                    details[name] = value.ToJsonString();
                }
            }
        }
    }
}
