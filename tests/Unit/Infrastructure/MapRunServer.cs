using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// A loopback Step Functions for a parent execution whose Distributed Map ran a Map Run: DescribeMapRun from
    /// the counts the test gives; ListExecutions by mapRunArn and statusFilter over the run's children, paged at
    /// <see cref="ListPageSize"/>, and refused without a mapRunArn or stateMachineArn as AWS refuses it;
    /// DescribeExecution of an Express child with its input, error and cause (AWS allows it for Map Run
    /// children). Everything else (histories, Standard DescribeExecution, DescribeStateMachineForExecution) is
    /// the <see cref="HistoryServer"/>'s. Answer shapes follow the recorded DescribeMapRun in
    /// tests/fixtures/aws-recordings/map-run.
    /// </summary>
    public sealed class MapRunServer
    {
        private readonly List<Child> children = new List<Child>();
        private readonly Dictionary<string, object?> description;
        private readonly ManualResetEventSlim released = new ManualResetEventSlim(true);
        private int historyAnswers;

        public MapRunServer(string parentArn, string mapRunArn, Dictionary<string, object?> description)
        {
            ParentArn = parentArn;
            MapRunArn = mapRunArn;
            this.description = description;
            this.description["mapRunArn"] = mapRunArn;
            this.description["executionArn"] = parentArn;
        }

        public string ParentArn { get; }

        public string MapRunArn { get; }

        public HistoryServer Histories { get; } = new HistoryServer();

        /// <summary>The most children one ListExecutions page holds, whatever maxResults asks.</summary>
        public int ListPageSize { get; set; } = 1000;

        /// <summary>After this many GetExecutionHistory answers, the next ones wait until <see cref="Release"/>; null: never held.</summary>
        public int? HoldHistoryAfter { get; set; }

        /// <summary>Set when a GetExecutionHistory request arrives and is held.</summary>
        public ManualResetEventSlim Holding { get; } = new ManualResetEventSlim(false);

        public void Release() => released.Set();

        /// <summary>When set, DescribeMapRun is refused with AccessDeniedException and this message.</summary>
        public string? DescribeRefusal { get; set; }

        /// <summary>A child of the run; Standard children need a history in <see cref="Histories"/> to be read.</summary>
        public void AddChild(string arn, string status, string? input = null, string? error = null, string? cause = null)
            => children.Add(new Child(arn, status, input, error, cause));

        public LoopbackResponse Handle(RecordedRequest request)
        {
            using var body = JsonDocument.Parse(request.Body);
            var root = body.RootElement;
            string Member(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
            switch (request.Operation)
            {
                case "DescribeMapRun" when DescribeRefusal != null:
                    return LoopbackResponse.Error("AccessDeniedException", DescribeRefusal);
                case "DescribeMapRun":
                    return Member("mapRunArn") == MapRunArn
                        ? LoopbackResponse.Json(JsonSerializer.Serialize(description))
                        : LoopbackResponse.Error("ResourceNotFound", $"Map Run Does Not Exist: '{Member("mapRunArn")}'");
                case "ListExecutions":
                    return List(Member("mapRunArn"), Member("stateMachineArn"), Member("statusFilter"), root);
                case "DescribeExecution" when children.FirstOrDefault(c => c.Arn == Member("executionArn") && c.Arn.Contains(":express:")) is Child express:
                    return LoopbackResponse.Json(JsonSerializer.Serialize(new Dictionary<string, object?>
                    {
                        ["executionArn"] = express.Arn,
                        ["stateMachineArn"] = StateMachineOf(express.Arn),
                        ["name"] = express.Arn.Split(':')[7],
                        ["status"] = express.Status,
                        ["startDate"] = 1700000000.0,
                        ["stopDate"] = 1700000100.0,
                        ["input"] = express.Input,
                        ["error"] = express.Error,
                        ["cause"] = express.Cause,
                        ["mapRunArn"] = MapRunArn,
                    }));
                case "GetExecutionHistory":
                    if (HoldHistoryAfter.HasValue && Interlocked.Increment(ref historyAnswers) > HoldHistoryAfter.Value)
                    {
                        released.Reset();
                        Holding.Set();
                        released.Wait(TimeSpan.FromSeconds(30));
                    }

                    return Histories.Handle(request);
                default:
                    return Histories.Handle(request);
            }
        }

        private LoopbackResponse List(string mapRunArn, string stateMachineArn, string statusFilter, JsonElement request)
        {
            if (mapRunArn.Length == 0)
            {
                return stateMachineArn.Length == 0
                    ? LoopbackResponse.Error("ValidationException", "Must provide a StateMachine ARN or MapRun ARN")
                    : LoopbackResponse.Json("{\"executions\":[]}");
            }

            if (mapRunArn != MapRunArn)
            {
                return LoopbackResponse.Error("ResourceNotFound", $"Map Run Does Not Exist: '{mapRunArn}'");
            }

            var matching = children.Where(c => statusFilter.Length == 0 || c.Status == statusFilter).ToList();
            var from = request.TryGetProperty("nextToken", out var token) && token.ValueKind == JsonValueKind.String ? int.Parse(token.GetString()!, CultureInfo.InvariantCulture) : 0;
            var asked = request.TryGetProperty("maxResults", out var max) && max.ValueKind == JsonValueKind.Number && max.GetInt32() > 0 ? max.GetInt32() : 100;
            var count = Math.Min(asked, ListPageSize);
            var listed = matching.Skip(from).Take(count).Select(c => new Dictionary<string, object?>
            {
                ["executionArn"] = c.Arn,
                ["stateMachineArn"] = StateMachineOf(c.Arn),
                ["name"] = c.Arn.Split(':')[7],
                ["status"] = c.Status,
                ["startDate"] = 1700000000.0,
                ["stopDate"] = c.Status == "RUNNING" ? null : 1700000100.0,
                ["mapRunArn"] = MapRunArn,
            }).ToList();
            var next = from + count < matching.Count ? (from + count).ToString(CultureInfo.InvariantCulture) : null;
            return LoopbackResponse.Json(JsonSerializer.Serialize(new Dictionary<string, object?> { ["executions"] = listed, ["nextToken"] = next }));
        }

        /// <summary><c>...:execution:Machine/Label:name</c> (or <c>:express:</c>) becomes <c>...:stateMachine:Machine/Label</c>.</summary>
        private static string StateMachineOf(string childArn)
        {
            var parts = childArn.Split(':');
            return string.Join(":", parts.Take(5)) + ":stateMachine:" + parts[6];
        }

        private sealed class Child
        {
            public Child(string arn, string status, string? input, string? error, string? cause)
            {
                Arn = arn;
                Status = status;
                Input = input;
                Error = error;
                Cause = cause;
            }

            public string Arn { get; }

            public string Status { get; }

            public string? Input { get; }

            public string? Error { get; }

            public string? Cause { get; }
        }
    }
}
