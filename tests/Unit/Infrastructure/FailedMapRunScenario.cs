using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// A simulated Distributed Map that failed at its tolerated-failure threshold: an "Orders" machine whose
    /// "ProcessOrders" Map reads its items from an S3 JSON file (ItemReader), runs Standard children ("Fetch
    /// order", then "Charge card") at MaxConcurrency 100 and tolerates 50 failures. The failed children failed
    /// at their second state ("Charge card", Payment.Declined), the aborted ones were stopped in their first;
    /// succeeded children are listed but their histories are there only to show they are never read; the rest
    /// of the items never started. Item i is {"orderId":"order-i","amount":i}.
    /// </summary>
    public static class FailedMapRunScenario
    {
        public const string ParentArn = "arn:aws:states:us-east-1:123456789012:execution:Orders:nightly";
        public const string MapRunArn = "arn:aws:states:us-east-1:123456789012:mapRun:Orders/ProcessOrders:8f2c1b9e-5d7a-4c3e-9b1f-2a6d8e4c7f01";
        public const string Error = "States.ExceedToleratedFailureThreshold";
        public const string Cause = "The specified tolerated failure threshold was exceeded";

        public const string ParentDefinition = """
            {"StartAt":"ProcessOrders","States":{"ProcessOrders":{"Type":"Map","MaxConcurrency":100,"ToleratedFailureCount":50,
             "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},"Parameters":{"Bucket.$":"$.Bucket","Key.$":"$.Key"}},
             "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Fetch order","States":{
               "Fetch order":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"Charge card"},
               "Charge card":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},
             "End":true}}}
            """;

        /// <summary>The same Map running Express children.</summary>
        public static readonly string ExpressParentDefinition = ParentDefinition.Replace("\"ExecutionType\":\"STANDARD\"", "\"ExecutionType\":\"EXPRESS\"", System.StringComparison.Ordinal);

        /// <summary>What DescribeStateMachineForExecution answers for a child: the ItemProcessor as a state machine.</summary>
        public const string ChildDefinition = """
            {"StartAt":"Fetch order","States":{"Fetch order":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"Charge card"},
             "Charge card":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}
            """;

        public static string ChildArn(int item, bool express = false) => express
            ? $"arn:aws:states:us-east-1:123456789012:express:Orders/ProcessOrders:c{item:D5}:{item:D5}-e"
            : $"arn:aws:states:us-east-1:123456789012:execution:Orders/ProcessOrders:c{item:D5}";

        public static string Item(int item) => $"{{\"orderId\":\"order-{item:D5}\",\"amount\":{item}}}";

        public static string Fetched(int item) => $"{{\"orderId\":\"order-{item:D5}\",\"amount\":{item},\"fetched\":true}}";

        /// <summary>The run: items 0.. failed, then aborted, then succeeded; the rest never started.</summary>
        public static MapRunServer Build(int items, int failed, int aborted, int succeeded, int expressFailed = 0)
        {
            var pending = items - failed - aborted - succeeded - expressFailed;
            var server = new MapRunServer(ParentArn, MapRunArn, Description(items, failed + expressFailed, aborted, succeeded));
            server.Histories.Add(ParentArn, ParentHistory(), definition: ParentDefinition);
            var item = 0;
            for (var i = 0; i < failed; i++, item++)
            {
                server.AddChild(ChildArn(item), "FAILED");
                server.Histories.Add(ChildArn(item), FailedChild(item), definition: ChildDefinition);
            }

            for (var i = 0; i < expressFailed; i++, item++)
            {
                server.AddChild(ChildArn(item, express: true), "FAILED", Item(item), "Payment.Declined", "{\"errorMessage\":\"card declined\"}");
            }

            for (var i = 0; i < aborted; i++, item++)
            {
                server.AddChild(ChildArn(item), "ABORTED");
                server.Histories.Add(ChildArn(item), AbortedChild(item), status: "ABORTED", definition: ChildDefinition);
            }

            for (var i = 0; i < succeeded; i++, item++)
            {
                server.AddChild(ChildArn(item), "SUCCEEDED");
                server.Histories.Add(ChildArn(item), HistoryServer.SimpleHistory(3), status: "SUCCEEDED", definition: ChildDefinition);
            }

            return server;
        }

        /// <summary>DescribeMapRun's answer (without the ARNs) for a failed run of these counts; the rest of the items never started.</summary>
        public static Dictionary<string, object?> Description(int items, int failed, int aborted, int succeeded) => new Dictionary<string, object?>
        {
            ["status"] = "FAILED",
            ["startDate"] = 1700000000.0,
            ["stopDate"] = 1700003600.0,
            ["maxConcurrency"] = 100,
            ["toleratedFailureCount"] = 50,
            ["toleratedFailurePercentage"] = 0.0,
            ["itemCounts"] = Counts(items, succeeded, failed, aborted, items - failed - aborted - succeeded),
            ["executionCounts"] = Counts(failed + aborted + succeeded, succeeded, failed, aborted, 0),
        };

        /// <summary>The parent's input: where its ItemReader reads the items.</summary>
        public const string ParentInput = "{\"Bucket\":\"orders\",\"Key\":\"2026-12-04/orders.json\"}";

        public static IReadOnlyList<string> ParentHistory(string mapRunArn = MapRunArn, string input = ParentInput)
        {
            var history = new HistoryBuilder();
            var started = history.Started(input);
            var entered = history.Entered("Map", "ProcessOrders", input, started);
            var mapStarted = history.Add("MapStateStarted", entered, "mapStateStartedEventDetails", new Dictionary<string, object?> { ["length"] = 0 });
            var runStarted = history.Add("MapRunStarted", mapStarted, "mapRunStartedEventDetails", new Dictionary<string, object?> { ["mapRunArn"] = mapRunArn });
            var runFailed = history.Add("MapRunFailed", runStarted, "mapRunFailedEventDetails", new Dictionary<string, object?> { ["error"] = Error, ["cause"] = Cause });
            var mapFailed = history.Add("MapStateFailed", runFailed);
            history.Failed(mapFailed, Error, Cause);
            return history.Events;
        }

        /// <param name="input">The child's input, when an ItemSelector made it other than the item.</param>
        public static IReadOnlyList<string> FailedChild(int item, string? input = null)
        {
            var history = new HistoryBuilder();
            var started = history.Started(input ?? Item(item));
            var fetched = history.Task("Fetch order", input ?? Item(item), Fetched(item), started);
            var failed = history.FailingTask("Charge card", Fetched(item), fetched, "Payment.Declined");
            history.Failed(failed, "Payment.Declined", "{\"errorMessage\":\"Charge card broke\",\"errorType\":\"Payment.Declined\"}");
            return history.Events;
        }

        /// <summary>A child that succeeded: its history begins with the input it was given, as every history does.</summary>
        public static IReadOnlyList<string> SucceededChild(int item, string? input = null)
        {
            var history = new HistoryBuilder();
            var started = history.Started(input ?? Item(item));
            var fetched = history.Task("Fetch order", input ?? Item(item), Fetched(item), started);
            var charged = history.Task("Charge card", Fetched(item), Fetched(item), fetched);
            history.Add("ExecutionSucceeded", charged, "executionSucceededEventDetails", new Dictionary<string, object?> { ["output"] = Fetched(item) });
            return history.Events;
        }

        public static IReadOnlyList<string> AbortedChild(int item, string? input = null)
        {
            var history = new HistoryBuilder();
            var started = history.Started(input ?? Item(item));
            var entered = history.Entered("Task", "Fetch order", input ?? Item(item), started);
            var scheduled = history.Add("TaskScheduled", entered, "taskScheduledEventDetails", new Dictionary<string, object?> { ["resourceType"] = "lambda", ["resource"] = "invoke", ["region"] = "us-east-1", ["parameters"] = "{}" });
            history.Add("TaskStarted", scheduled, "taskStartedEventDetails", new Dictionary<string, object?> { ["resourceType"] = "lambda", ["resource"] = "invoke" });

            // AWS records the abort with no link back (previousEventId 0), as in the recorded histories.
            history.Add("ExecutionAborted", 0);
            return history.Events;
        }

        private static Dictionary<string, object?> Counts(int total, int succeeded, int failed, int aborted, int pending) => new Dictionary<string, object?>
        {
            ["aborted"] = aborted,
            ["failed"] = failed,
            ["pending"] = pending,
            ["resultsWritten"] = 0,
            ["running"] = 0,
            ["succeeded"] = succeeded,
            ["timedOut"] = 0,
            ["total"] = total,
        };
    }
}
