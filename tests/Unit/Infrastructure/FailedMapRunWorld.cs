using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SfnResume.GoTo;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// <see cref="FailedMapRunScenario"/> played by the loopback that keeps execution state (<see cref="RedriveServer"/>:
    /// the parent, its Map Run, every child the run started, each with its own history and input) and an S3
    /// loopback holding the Map's item file, both behind one address as an emulator serves them: a request with
    /// an X-Amz-Target is Step Functions', any other is S3's (path-style). The parent "nightly" of "Orders" failed
    /// in "ProcessOrders" over <c>s3://orders/2026-12-04/orders.json</c>: items 0.. failed at "Charge card", then
    /// aborted in "Fetch order", then succeeded; the rest never started.
    /// <para>With <c>expressChildren</c>, the Map runs Express children (ARNs <c>...:express:Orders/ProcessOrders:cNNNNN:id</c>,
    /// listed and described but without histories) and the parent logs to a log group played by <see cref="Logs"/>
    /// (Logs_20140328 requests, on the same address): every child's level-ALL records, but for the first
    /// <c>unloggedFailed</c> failed children, whose records are missing.</para>
    /// </summary>
    public sealed class FailedMapRunWorld : IDisposable
    {
        public const string Bucket = "orders";
        public const string Key = "2026-12-04/orders.json";
        public static readonly string MapRunArn = $"{RedriveServer.Account}:mapRun:Orders/ProcessOrders:8f2c1b9e";

        public const string LogGroup = "/aws/vendedlogs/states/Orders";

        public FailedMapRunWorld(int items, int failed, int aborted, int succeeded, bool itemFileThere = true, FailedMapRunVariant? variant = null, bool expressChildren = false, string logLevel = "ALL", bool includeExecutionData = true, int unloggedFailed = 0)
        {
            Variant = variant ??= FailedMapRunVariant.S3Json;
            Definition = expressChildren ? FailedMapRunScenario.ExpressParentDefinition : variant.Definition;
            var now = DateTime.UtcNow;
            Items = items;
            Failed = failed;
            Aborted = aborted;
            Succeeded = succeeded;
            var logging = new Dictionary<string, object?>
            {
                ["level"] = logLevel,
                ["includeExecutionData"] = includeExecutionData,
                ["destinations"] = logLevel == "OFF" ? Array.Empty<object>() : new object[] { new Dictionary<string, object?> { ["cloudWatchLogsLogGroup"] = new Dictionary<string, object?> { ["logGroupArn"] = $"arn:aws:logs:eu-west-1:123456789012:log-group:{LogGroup}:*" } } },
            };
            Server.AddMachine("Orders", Definition, now.AddDays(-30), settings: new Dictionary<string, object?> { ["loggingConfiguration"] = logging });
            Server.AddMachine("Orders/ProcessOrders", FailedMapRunScenario.ChildDefinition, now.AddDays(-30));
            var started = now.AddDays(-1).AddHours(-1);
            ParentArn = Server.AddExecution("Orders", "nightly", started, now.AddDays(-1), FailedMapRunScenario.ParentHistory(MapRunArn, variant.ParentInput(items)));
            var description = FailedMapRunScenario.Description(items, failed, aborted, succeeded);
            description["mapRunArn"] = MapRunArn;
            description["executionArn"] = ParentArn;
            Server.AddMapRun(MapRunArn, JsonSerializer.Serialize(description));
            for (var i = 0; i < failed + aborted + succeeded; i++)
            {
                var input = variant.ChildInput(i);
                var (status, history) = i < failed ? ("FAILED", FailedMapRunScenario.FailedChild(i, input))
                    : i < failed + aborted ? ("ABORTED", FailedMapRunScenario.AbortedChild(i, input))
                    : ("SUCCEEDED", FailedMapRunScenario.SucceededChild(i, input));
                var child = Server.AddExecution("Orders/ProcessOrders", $"c{i:D5}", started.AddSeconds(i % 3000), started.AddMinutes(55), history, status, redriveStatus: null, mapRunArn: MapRunArn, input: input, express: expressChildren);
                if (expressChildren && !(i < unloggedFailed))
                {
                    Logs.Add(LogRecordFixtures.RecordsOf("{\"events\":[" + string.Join(",", history) + "]}", child));
                }
            }

            if (itemFileThere && variant.ItemsInS3)
            {
                S3.Put(Bucket, Key, "[" + string.Join(",", Enumerable.Range(0, items).Select(FailedMapRunScenario.Item)) + "]");
            }

            Endpoint = new LoopbackEndpoint(Handle);
        }

        private static readonly Regex CopySuffix = new Regex(@" \((resumed|replay)\)(_\d+)?$");

        /// <summary>The parent's definition: the variant's, Standard children, or Express ones.</summary>
        public string Definition { get; }

        /// <summary>The log group the parent logs to, a page of 100 records at a time.</summary>
        public ExpressLogServer Logs { get; } = new ExpressLogServer { LogGroupName = LogGroup, PageSize = 100 };

        public RedriveServer Server { get; } = new RedriveServer();

        public FailedMapRunVariant Variant { get; }

        public S3Loopback S3 { get; } = new S3Loopback(listen: false);

        public LoopbackEndpoint Endpoint { get; }

        public string ParentArn { get; }

        public int Items { get; }

        public int Failed { get; }

        public int Aborted { get; }

        public int Succeeded { get; }

        public void Dispose() => Endpoint.Dispose();

        /// <summary>A request with an X-Amz-Target is Step Functions' (or CloudWatch Logs', Logs_...), any other S3's.</summary>
        public LoopbackResponse Handle(RecordedRequest request) => !request.Headers.TryGetValue("X-Amz-Target", out var target) ? S3.Handle(request)
            : target.StartsWith("Logs_", StringComparison.Ordinal) ? Logs.Handle(request) : Server.Handle(request);

        /// <summary>Step Functions' requests: an X-Amz-Target that is not CloudWatch Logs'.</summary>
        public static bool IsStepFunctions(RecordedRequest request) => request.Headers.TryGetValue("X-Amz-Target", out var target) && !target.StartsWith("Logs_", StringComparison.Ordinal);

        /// <summary>
        /// What each item's child calls when the resumed Map runs <paramref name="itemFile"/>: the twin's
        /// ItemSelector and ItemProcessor under aws-local-stepfunctions (tests/oracles/run-distributed.mjs), given
        /// the resuming input the copy was started with; by item, the Task states called and the first one's input.
        /// </summary>
        public Dictionary<int, (List<string> States, JsonElement FirstInput)> RunItemFile(string copyDefinition, string startInput, string itemFile)
        {
            using var folder = new TempFolder();
            var file = folder.Write("copy.asl.json", copyDefinition);
            var twin = new GoToRewriter().Rewrite(Definition).Twins["ProcessOrders"];
            var resuming = JsonNode.Parse(startInput)!["resuming"]!;
            var job = JsonSerializer.Serialize(new { file, state = twin, input = JsonDocument.Parse(resuming.ToJsonString()).RootElement, items = JsonDocument.Parse(itemFile).RootElement });
            var outcome = NodeOracle.Run("run-distributed.mjs", Array.Empty<string>(), job + "\n").Single();
            if (outcome.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"The copy's Map did not run the item file: {error}");
            }

            var calls = new Dictionary<int, (List<string> States, JsonElement FirstInput)>();
            foreach (var call in outcome.GetProperty("ran").EnumerateArray())
            {
                var input = call.GetProperty("input");
                var item = (input.TryGetProperty("order", out var order) ? order : input).GetProperty("amount").GetInt32();
                if (!calls.TryGetValue(item, out var seen))
                {
                    calls[item] = seen = (new List<string>(), input.Clone());
                }

                seen.States.Add(CopySuffix.Replace(call.GetProperty("state").GetString()!, string.Empty));
            }

            return calls;
        }
    }
}
