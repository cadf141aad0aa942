using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// Plays an Express state machine and its log group for a loopback endpoint: DescribeStateMachine answers with the
    /// machine's logging configuration and definition; FilterLogEvents with the records matching an
    /// <c>execution_arn</c> filter pattern, or the failure pattern of Find-SfnExpressExecution (end events, an ARN
    /// prefix, a time window), a few a page as CloudWatch Logs pages, at most 10,000 events or 1 MB; DescribeLogGroups
    /// with the group's retention; StartQuery and GetQueryResults as Logs Insights runs the finder's query (running for
    /// <see cref="QueryLooksBeforeComplete"/> looks, at most <see cref="ConcurrentQueries"/> at once, the bytes of the
    /// window scanned).
    /// </summary>
    public sealed class ExpressLogServer
    {
        public const string MachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Orders";
        public const string LogGroup = "/aws/vendedlogs/states/Orders";
        private const int PageBytes = 1024 * 1024;

        private readonly List<Stored> records = new List<Stored>();
        private readonly Dictionary<string, Query> queries = new Dictionary<string, Query>(StringComparer.Ordinal);
        private bool sorted = true;

        /// <summary>The log group's name, as DescribeLogGroups answers it; <see cref="LogGroup"/> unless another world names its own.</summary>
        public string LogGroupName { get; set; } = LogGroup;

        public string Type { get; set; } = "EXPRESS";

        public string Level { get; set; } = "ALL";

        public bool IncludeExecutionData { get; set; } = true;

        public bool LogGroupDeleted { get; set; }

        public int? RetentionInDays { get; set; } = 30;

        public string Definition { get; set; } = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}";

        /// <summary>Events a FilterLogEvents page holds at most (AWS: 10,000, and 1 MB).</summary>
        public int PageSize { get; set; } = 2;

        /// <summary>Records one FilterLogEvents call looks at before it answers, matching or not; null: the whole window.</summary>
        public int? ScannedPerCall { get; set; }

        /// <summary>GetQueryResults answers Running this many times before Complete.</summary>
        public int QueryLooksBeforeComplete { get; set; } = 1;

        /// <summary>Logs Insights queries running at once beyond which StartQuery answers LimitExceededException.</summary>
        public int ConcurrentQueries { get; set; } = 30;

        /// <summary>Queries other callers keep running in the account (they hold concurrency slots).</summary>
        public int OthersRunning { get; set; }

        /// <summary>A query ends with this status instead of Complete (Failed, Cancelled, Timeout); null: it completes.</summary>
        public string? QueryEndsWith { get; set; }

        /// <summary>What the Logs Insights queries scanned, in total.</summary>
        public long BytesScanned { get; private set; }

        public static string ExecutionArn(string name) => "arn:aws:states:us-east-1:123456789012:express:Orders:" + name + ":0f5c7a4e-1111-2222-3333-444455556666";

        public void Add(IEnumerable<JsonObject> logged)
        {
            foreach (var record in logged)
            {
                records.Add(new Stored(
                    record["execution_arn"]!.GetValue<string>(),
                    record["type"]!.GetValue<string>(),
                    long.Parse(record["event_timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                    record.ToJsonString()));
            }

            sorted = false;
        }

        public LoopbackResponse Handle(RecordedRequest request)
        {
            using var body = JsonDocument.Parse(string.IsNullOrEmpty(request.Body) ? "{}" : request.Body);
            var input = body.RootElement;
            switch (request.Operation)
            {
                case "DescribeStateMachine":
                    var destinations = Level == "OFF" ? new JsonArray() : new JsonArray
                    {
                        new JsonObject { ["cloudWatchLogsLogGroup"] = new JsonObject { ["logGroupArn"] = "arn:aws:logs:us-east-1:123456789012:log-group:" + LogGroupName + ":*" } },
                    };
                    return LoopbackResponse.Json(new JsonObject
                    {
                        ["stateMachineArn"] = MachineArn,
                        ["name"] = "Orders",
                        ["status"] = "ACTIVE",
                        ["definition"] = Definition,
                        ["roleArn"] = "arn:aws:iam::123456789012:role/orders",
                        ["type"] = Type,
                        ["creationDate"] = 1700000000,
                        ["loggingConfiguration"] = new JsonObject { ["level"] = Level, ["includeExecutionData"] = IncludeExecutionData, ["destinations"] = destinations },
                    }.ToJsonString());
                case "FilterLogEvents":
                    return LogGroupDeleted ? NoGroup() : Filter(input);
                case "DescribeLogGroups":
                    var group = new JsonObject { ["logGroupName"] = LogGroupName, ["storedBytes"] = 1 };
                    if (RetentionInDays != null)
                    {
                        group["retentionInDays"] = RetentionInDays;
                    }

                    return LoopbackResponse.Json(new JsonObject { ["logGroups"] = LogGroupDeleted ? new JsonArray() : new JsonArray { group } }.ToJsonString());
                case "StartQuery":
                    return LogGroupDeleted ? NoGroup() : StartQuery(input);
                case "GetQueryResults":
                    return GetQueryResults(input.GetProperty("queryId").GetString()!);
                default:
                    return new LoopbackResponse(400, "{\"__type\":\"InvalidAction\",\"message\":\"" + request.Operation + " is not played here\"}");
            }
        }

        private static LoopbackResponse NoGroup() => new LoopbackResponse(400, @"{""__type"":""ResourceNotFoundException"",""message"":""The specified log group does not exist.""}");

        private List<Stored> ByTime()
        {
            lock (records)
            {
                if (!sorted)
                {
                    records.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
                    sorted = true;
                }

                return records;
            }
        }

        private LoopbackResponse Filter(JsonElement input)
        {
            var pattern = input.GetProperty("filterPattern").GetString()!;
            if (pattern.Length > 1024)
            {
                return new LoopbackResponse(400, @"{""__type"":""InvalidParameterException"",""message"":""1 validation error detected: Value at 'filterPattern' failed to satisfy constraint: Member must have length less than or equal to 1024""}");
            }

            var from = input.TryGetProperty("startTime", out var s) ? s.GetInt64() : long.MinValue;
            var to = input.TryGetProperty("endTime", out var e) ? e.GetInt64() : long.MaxValue;
            Func<Stored, bool> matches;
            if (pattern.Contains("$.type", StringComparison.Ordinal))
            {
                var types = Regex.Matches(pattern, "\\$\\.type = \"([^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet();
                var prefixes = Regex.Matches(pattern, "\\$\\.execution_arn = \"([^\"*]+)\\*\"").Select(m => m.Groups[1].Value).ToList();
                matches = r => types.Contains(r.Type) && prefixes.Any(p => r.ExecutionArn.StartsWith(p, StringComparison.Ordinal));
            }
            else
            {
                // One execution's ARN, or several joined by ||; one ending in * matches every ARN it begins.
                var arns = Regex.Matches(pattern, "\\$\\.execution_arn = \"([^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
                var prefixes = arns.Where(a => a.EndsWith('*')).Select(a => a.TrimEnd('*')).ToList();
                matches = r => arns.Contains(r.ExecutionArn) || prefixes.Any(p => r.ExecutionArn.StartsWith(p, StringComparison.Ordinal));
            }

            var all = ByTime();
            var at = input.TryGetProperty("nextToken", out var token) ? int.Parse(token.GetString()!, CultureInfo.InvariantCulture) : 0;
            var scanEnd = ScannedPerCall is int budget ? Math.Min(all.Count, at + budget) : all.Count;
            var events = new JsonArray();
            var bytes = 0;
            for (; at < scanEnd && events.Count < PageSize; at++)
            {
                var record = all[at];
                if (record.Timestamp < from || record.Timestamp > to || !matches(record))
                {
                    continue;
                }

                if (bytes + record.Message.Length > PageBytes && events.Count > 0)
                {
                    break;
                }

                bytes += record.Message.Length;
                events.Add(new JsonObject { ["logStreamName"] = "s", ["timestamp"] = record.Timestamp, ["message"] = record.Message, ["eventId"] = "e" + at });
            }

            // Past the window's last record there is nothing left to scan, as for AWS, which knows the group's extent.
            var more = all.Skip(at).Any(r => r.Timestamp >= from && r.Timestamp <= to && matches(r)) || (ScannedPerCall != null && all.Skip(at).Any(r => r.Timestamp >= from && r.Timestamp <= to));
            var answer = new JsonObject { ["events"] = events };
            if (more)
            {
                answer["nextToken"] = at.ToString(CultureInfo.InvariantCulture);
            }

            return LoopbackResponse.Json(answer.ToJsonString());
        }

        private LoopbackResponse StartQuery(JsonElement input)
        {
            lock (queries)
            {
                if (queries.Values.Count(q => q.Looks <= QueryLooksBeforeComplete) + OthersRunning >= ConcurrentQueries)
                {
                    return new LoopbackResponse(400, @"{""__type"":""LimitExceededException"",""message"":""Account maximum query concurrency limit of [30] reached.""}");
                }
            }

            var text = input.GetProperty("queryString").GetString()!;
            var types = Regex.Match(text, "type in \\[([^\\]]*)\\]").Groups[1].Value.Split(',').Select(t => t.Trim().Trim('"')).ToHashSet();
            var prefix = Regex.Match(text, "execution_arn like \"([^\"]+)\"").Groups[1].Value;
            var limit = int.Parse(Regex.Match(text, "limit (\\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
            var from = input.GetProperty("startTime").GetInt64() * 1000;
            var to = input.GetProperty("endTime").GetInt64() * 1000;
            var window = ByTime().Where(r => r.Timestamp >= from && r.Timestamp < to).ToList();
            var rows = window.Where(r => types.Contains(r.Type) && r.ExecutionArn.Contains(prefix, StringComparison.Ordinal)).Take(limit).ToList();
            var scanned = window.Sum(r => (long)Encoding.UTF8.GetByteCount(r.Message));
            var id = Guid.NewGuid().ToString();
            lock (queries)
            {
                queries[id] = new Query(rows, scanned);
            }

            return LoopbackResponse.Json(new JsonObject { ["queryId"] = id }.ToJsonString());
        }

        private LoopbackResponse GetQueryResults(string id)
        {
            Query query;
            lock (queries)
            {
                query = queries[id];
                query.Looks++;
            }

            if (query.Looks <= QueryLooksBeforeComplete)
            {
                return LoopbackResponse.Json(new JsonObject { ["results"] = new JsonArray(), ["status"] = "Running" }.ToJsonString());
            }

            if (QueryEndsWith != null)
            {
                return LoopbackResponse.Json(new JsonObject { ["results"] = new JsonArray(), ["status"] = QueryEndsWith }.ToJsonString());
            }

            if (query.Looks == QueryLooksBeforeComplete + 1)
            {
                BytesScanned += query.Scanned;
            }

            var results = new JsonArray();
            foreach (var row in query.Rows)
            {
                results.Add(new JsonArray
                {
                    new JsonObject { ["field"] = "@timestamp", ["value"] = DateTimeOffset.FromUnixTimeMilliseconds(row.Timestamp).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) },
                    new JsonObject { ["field"] = "@message", ["value"] = row.Message },
                    new JsonObject { ["field"] = "@ptr", ["value"] = "p" },
                });
            }

            return LoopbackResponse.Json(new JsonObject
            {
                ["results"] = results,
                ["status"] = "Complete",
                ["statistics"] = new JsonObject { ["recordsMatched"] = query.Rows.Count, ["recordsScanned"] = 0, ["bytesScanned"] = query.Scanned },
            }.ToJsonString());
        }

        private sealed record Stored(string ExecutionArn, string Type, long Timestamp, string Message);

        private sealed class Query
        {
            public Query(List<Stored> rows, long scanned)
            {
                Rows = rows;
                Scanned = scanned;
            }

            public List<Stored> Rows { get; }

            public long Scanned { get; }

            public int Looks { get; set; }
        }
    }
}
