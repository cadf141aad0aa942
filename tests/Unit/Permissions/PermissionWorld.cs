using System;
using System.Collections.Generic;
using System.Linq;
using SfnResume.GoTo;
using SfnResume.ResumeReady;
using SfnResume.Tests.Infrastructure;

namespace SfnResume.Tests.Permissions
{
    /// <summary>
    /// The account the README's examples run in, made afresh for each run: Orders (an ordinary state machine),
    /// Ledger (it logs to CloudWatch Logs and its data is encrypted with a customer managed key) and Payments
    /// (deployed resume-ready, now from ./orders.asl.json; its version 1 from an older definition), each with
    /// failed executions that redrive natively (closed yesterday) and that do not (closed a month ago or more):
    /// those take a GoTo copy, or on Payments resume on the machine or on the version they ran. Batch has a
    /// Distributed Map whose run failed in its execution 'nightly' (see <see cref="FailedMapRunScenario"/>). Receipts is an
    /// Express state machine logging at level ALL with execution data: its runs of the last hour, one failed and one
    /// timed out among those that succeeded, are known from its log group only, which the same endpoint serves.
    /// </summary>
    public sealed class PermissionWorld : IDisposable
    {
        public const string LedgerKey = "arn:aws:kms:eu-west-1:123456789012:key/0f2d6a1e-7c3b-4d59-9e8a-5b1c2d3e4f60";

        /// <summary>Prepare, Charge, Ship, Done: the README's examples resume at Charge, and at Ship by name.</summary>
        public const string Shop = @"{ ""StartAt"": ""Prepare"", ""States"": {
            ""Prepare"": { ""Type"": ""Pass"", ""Next"": ""Charge"" },
            ""Charge"": { ""Type"": ""Task"", ""Resource"": ""arn:aws:states:::lambda:invoke"", ""Next"": ""Ship"" },
            ""Ship"": { ""Type"": ""Task"", ""Resource"": ""arn:aws:states:::lambda:invoke"", ""Next"": ""Done"" },
            ""Done"": { ""Type"": ""Succeed"" } } }";

        /// <summary>The same, Charge retried: Payments' current definition, deployed resume-ready.</summary>
        public static readonly string ShopWithRetry = Shop.Replace(@"""Resource"": ""arn:aws:states:::lambda:invoke"", ""Next"": ""Ship""", @"""Resource"": ""arn:aws:states:::lambda:invoke"", ""Retry"": [ { ""ErrorEquals"": [ ""States.ALL"" ] } ], ""Next"": ""Ship""", StringComparison.Ordinal);

        /// <summary>The log group Receipts logs to.</summary>
        public const string ReceiptsLogGroup = "/aws/vendedlogs/states/Receipts";

        /// <summary>The id part of Receipts' execution ARNs (Step Functions gives each Express execution one).</summary>
        private const string ExpressRunId = "6c1f0e2a-5b7d-4c3e-9a8f-2d4b6e8f0a1c";

        private static readonly DateTime Now = DateTime.UtcNow;

        public PermissionWorld()
        {
            Server.AddMachine("Orders", Shop, Now.AddDays(-400));
            Server.AddExecution("Orders", "run-42", Now.AddDays(-1).AddHours(-1), Now.AddDays(-1), OrdersMachine.FailedAtCharge());
            Server.AddExecution("Orders", "order-1187", Now.AddDays(-1).AddHours(-2), Now.AddDays(-1).AddHours(-1), OrdersMachine.FailedAtCharge());
            Server.AddExecution("Orders", "order-0954", Now.AddDays(-31), Now.AddDays(-30), OrdersMachine.FailedAtCharge(), redriveStatus: null);
            Server.AddExecution("Orders", "order-0955", Now.AddDays(-32), Now.AddDays(-31), OrdersMachine.FailedAtCharge(), redriveStatus: null);

            Server.AddMachine("Ledger", Shop, Now.AddDays(-400), settings: new Dictionary<string, object?>
            {
                ["loggingConfiguration"] = new Dictionary<string, object?>
                {
                    ["level"] = "ALL",
                    ["includeExecutionData"] = true,
                    ["destinations"] = new[] { new Dictionary<string, object?> { ["cloudWatchLogsLogGroup"] = new Dictionary<string, object?> { ["logGroupArn"] = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/states/Ledger:*" } } },
                },
                ["encryptionConfiguration"] = new Dictionary<string, object?> { ["type"] = "CUSTOMER_MANAGED_KMS_KEY", ["kmsKeyId"] = LedgerKey, ["kmsDataKeyReusePeriodSeconds"] = 300 },
            });
            Server.AddExecution("Ledger", "ledger-7", Now.AddDays(-31), Now.AddDays(-30), OrdersMachine.FailedAtCharge(), redriveStatus: null);
            Server.AddExecution("Ledger", "ledger-8", Now.AddDays(-32), Now.AddDays(-31), OrdersMachine.FailedAtCharge(), redriveStatus: null);
            Server.AddExecution("Ledger", "ledger-9", Now.AddDays(-1).AddHours(-1), Now.AddDays(-1), OrdersMachine.FailedAtCharge());

            Server.AddMachine("Payments", ResumeReadyDefinitions.Make(Shop), Now.AddDays(-400));
            Server.PublishVersion("Payments");
            Server.UpdateMachine("Payments", ResumeReadyDefinitions.Make(ShopWithRetry), Now.AddDays(-100));
            Work.Write("orders.asl.json", ShopWithRetry);
            Server.AddExecution("Payments", "pay-5", Now.AddDays(-151), Now.AddDays(-150), OrdersMachine.FailedAtCharge(), redriveStatus: null, version: 1);
            Server.AddExecution("Payments", "pay-7", Now.AddDays(-31), Now.AddDays(-30), OrdersMachine.FailedAtCharge(), redriveStatus: null);
            Server.AddExecution("Payments", "pay-9", Now.AddDays(-1).AddHours(-1), Now.AddDays(-1), OrdersMachine.FailedAtCharge());

            // Batch's Distributed Map ran ten orders: three failed at "Charge card", two were aborted in "Fetch order".
            Server.AddMachine("Batch", FailedMapRunScenario.ParentDefinition, Now.AddDays(-400));
            Server.AddMachine("Batch/ProcessOrders", FailedMapRunScenario.ChildDefinition, Now.AddDays(-400));
            Server.AddExecution("Batch", "nightly", Now.AddDays(-1).AddHours(-1), Now.AddDays(-1), FailedMapRunScenario.ParentHistory(BatchMapRun));
            for (var item = 0; item < 10; item++)
            {
                var (status, history) = item < 3 ? ("FAILED", FailedMapRunScenario.FailedChild(item)) : item < 5 ? ("ABORTED", FailedMapRunScenario.AbortedChild(item)) : ("SUCCEEDED", FailedMapRunScenario.SucceededChild(item));
                Server.AddExecution("Batch/ProcessOrders", $"c{item:D5}", Now.AddDays(-1).AddHours(-1), Now.AddDays(-1), history, status, redriveStatus: "REDRIVABLE_BY_MAP_RUN", mapRunArn: BatchMapRun, input: FailedMapRunScenario.Item(item));
            }

            // Its items, where its ItemReader reads them (the parent's input names the bucket and key): a GoTo resume reads them through S3.
            S3.Put("orders", "2026-12-04/orders.json", "[" + string.Join(",", Enumerable.Range(0, 10).Select(FailedMapRunScenario.Item)) + "]");

            var description = FailedMapRunScenario.Description(items: 10, failed: 3, aborted: 2, succeeded: 5);
            description["mapRunArn"] = BatchMapRun;
            description["executionArn"] = ExecutionArn("Batch", "nightly");
            Server.AddMapRun(BatchMapRun, System.Text.Json.JsonSerializer.Serialize(description));

            Server.AddMachine("Receipts", ExpressRunRecords.Definition, Now.AddDays(-400), type: "EXPRESS", settings: new Dictionary<string, object?>
            {
                ["loggingConfiguration"] = new Dictionary<string, object?>
                {
                    ["level"] = "ALL",
                    ["includeExecutionData"] = true,
                    ["destinations"] = new[] { new Dictionary<string, object?> { ["cloudWatchLogsLogGroup"] = new Dictionary<string, object?> { ["logGroupArn"] = "arn:aws:logs:eu-west-1:123456789012:log-group:" + ReceiptsLogGroup + ":*" } } },
                },
            });
            var hourAgo = new DateTimeOffset(Now.AddHours(-1)).ToUnixTimeMilliseconds();
            foreach (var (name, ending, minute) in new[] { ("receipt-6", "SUCCEEDED", 0), ("receipt-7", "FAILED", 5), ("receipt-8", "TIMED_OUT", 10), ("receipt-9", "SUCCEEDED", 15) })
            {
                Logs.Add(ExpressRunRecords.Of(ExecutionArn("Receipts", name), hourAgo + (minute * 60_000L), ending));
            }

            // A run started on Receipts' Express copy logs to the same group, as Step Functions would log it: it succeeds.
            Server.ExpressStarted = (arn, input, at) => Logs.Add(ExpressRunRecords.Of(arn, new DateTimeOffset(at).ToUnixTimeMilliseconds(), "SUCCEEDED"));
        }

        /// <summary>
        /// Batch's 'nightly' closed twenty days ago: past redrive's 14 days, so a resume takes a GoTo copy, which
        /// runs again only the five items whose children did not succeed.
        /// </summary>
        public void AgeBatchNightly() => Server.AddExecution("Batch", "nightly", Now.AddDays(-20).AddHours(-1), Now.AddDays(-20), FailedMapRunScenario.ParentHistory(BatchMapRun),
            redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: "Execution is not redrivable: it closed more than 14 days ago", input: FailedMapRunScenario.ParentInput);

        /// <summary>Batch's items, and the file of items to re-run a precise resume writes, behind the same endpoint (path-style, as an emulator serves S3).</summary>
        public S3Loopback S3 { get; } = new S3Loopback(listen: false);

        /// <summary>The run of Batch's Distributed Map in its failed execution 'nightly'.</summary>
        public const string BatchMapRun = RedriveServer.Account + ":mapRun:Batch/ProcessOrders:5e1d0c7a";

        public RedriveServer Server { get; } = new RedriveServer { RunningPolls = 0 };

        /// <summary>Receipts' log group, behind the same endpoint as Step Functions. A Logs Insights query completes at its first look.</summary>
        public ExpressLogServer Logs { get; } = new ExpressLogServer { LogGroupName = ReceiptsLogGroup, PageSize = 10, QueryLooksBeforeComplete = 0 };

        /// <summary>Orders' GoTo copy, made a month ago and never run since, tagged as GoToCopyService tags it.</summary>
        public void AddOrdersCopy() => Server.AddMachine("Orders-goto", Shop, Now.AddDays(-30), tags: new Dictionary<string, string>
        {
            ["team"] = "payments",
            [GoToCopyService.SourceTag] = RedriveServer.MachineArn("Orders"),
            [GoToCopyService.DefinitionTag] = GoToCopyNames.Hex(Shop),
        });

        public TestStateServer TestState { get; } = new TestStateServer();

        /// <summary>The folder the examples run in (their ./ paths).</summary>
        public TempFolder Work { get; } = new TempFolder();

        /// <summary>The customer managed keys, by state machine.</summary>
        public static IReadOnlyDictionary<string, string> Keys { get; } = new Dictionary<string, string> { [RedriveServer.MachineArn("Ledger")] = LedgerKey };

        /// <summary>The Step Functions, CloudWatch Logs and S3 every request meets when no policy stands in front of it.</summary>
        public Func<RecordedRequest, LoopbackResponse> Handler
        {
            get
            {
                var stepFunctions = TestState.Wrap(Server.Handle);
                return request => S3Authorization.IsS3(request) ? S3.Handle(request) : CloudWatchLogsAuthorization.IsLogs(request) ? Logs.Handle(request) : stepFunctions(request);
            }
        }

        /// <summary>An execution's ARN: <c>...:execution:machine:name</c>, or for Express Receipts <c>...:express:Receipts:name:id</c>.</summary>
        public static string ExecutionArn(string machine, string name) => machine == "Receipts"
            ? $"{RedriveServer.Account}:express:{machine}:{name}:{ExpressRunId}"
            : $"{RedriveServer.Account}:execution:{machine}:{name}";

        /// <summary>The failed executions of a state machine ($arns), as Get-SFNExecutionList lists them.</summary>
        public static IEnumerable<string> FailedOf(string machine) => (machine switch
        {
            "Orders" => new[] { "run-42", "order-1187", "order-0954", "order-0955" },
            "Ledger" => new[] { "ledger-7", "ledger-8", "ledger-9" },
            "Payments" => new[] { "pay-5", "pay-7", "pay-9" },
            "Batch" => new[] { "nightly" },
            "Receipts" => new[] { "receipt-7", "receipt-8" },
            _ => Array.Empty<string>(),
        }).Select(name => ExecutionArn(machine, name));

        public void Dispose() => Work.Dispose();
    }
}
