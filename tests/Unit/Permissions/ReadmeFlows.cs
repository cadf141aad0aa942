using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using SfnResume.Permissions;
using SfnResume.Preflight;
using SfnResume.Tests.Infrastructure;

namespace SfnResume.Tests.Permissions
{
    /// <summary>
    /// The README's examples that call AWS, line for line, each with the state machine it runs on, the uses and
    /// commands it needs, and what a user checks afterwards. Cheap ones first: a search for the example a
    /// permission is needed by tries them in this order.
    /// </summary>
    public static class ReadmeFlows
    {
        private const string ListTool = PermissionCatalog.ListExecutionsTool;
        private const string FailurePoint = "Get-SfnFailurePoint";
        private const string Save = "Save-SfnExecutionHistory";
        private const string NewGoTo = "New-SfnGoToStateMachine";
        private const string StartGoTo = "Start-SfnGoToExecution";
        private const string Invoke = "Invoke-SfnRedrive";
        private const string Test = "Test-SfnRedrive";
        private const string ResumeReady = "Test-SfnResumeReadyDefinition";
        private const string ListCopies = "Get-SfnGoToStateMachine";
        private const string RemoveCopies = "Remove-SfnGoToStateMachine";
        private const string FindExpress = "Find-SfnExpressExecution";

        private const string Nightly = "'arn:aws:states:eu-west-1:123456789012:execution:Batch:nightly'";

        private const string GoToOneLine = "Get-SfnFailurePoint $executionArn | New-SfnGoToStateMachine | Start-SfnGoToExecution";
        private const string WaitForAll = "Get-SFNExecutionList -StateMachineArn $stateMachineArn -StatusFilter FAILED | Invoke-SfnRedrive -Wait -Force -OutVariable results";

        public static IReadOnlyList<ReadmeFlow> All { get; } = new[]
        {
            new ReadmeFlow("a failure point in detail", "Orders", new[] { PermissionUse.Analysis }, new[] { FailurePoint },
                new[] { "$point = Get-SfnFailurePoint 'arn:aws:states:eu-west-1:123456789012:execution:Orders:run-42'" },
                run => Expect(run.Variable("point").Count == 1 && Text(run.Variable("point")[0], "ResumeState") == "Charge", "$point resumes at Charge")),
            new ReadmeFlow("an Express execution's failure point, from its log group", "Receipts", new[] { PermissionUse.Analysis, PermissionUse.ExpressLogs }, new[] { FailurePoint },
                new[] { "Get-SfnFailurePoint 'arn:aws:states:eu-west-1:123456789012:express:Receipts:receipt-7:6c1f0e2a-5b7d-4c3e-9a8f-2d4b6e8f0a1c'" },
                run => Expect(run.Result.Output.Count == 1 && Text(run.Result.Output[0], "ResumeState") == "Charge" && Text(run.Result.Output[0], "InputKnown") == "True", "receipt-7 resumes at Charge, its input known")),
            new ReadmeFlow("the failed Express executions of the last three hours, and where each failed", "Receipts", new[] { PermissionUse.Analysis, PermissionUse.ExpressLogs }, new[] { FindExpress, FailurePoint },
                new[] { "Find-SfnExpressExecution -StateMachineArn $stateMachineArn | Get-SfnFailurePoint" },
                run => Expect(Names(run.Result.Output) == "receipt-7,receipt-8" && run.Result.Output.All(o => Text(o, "ResumeState") == "Charge"), "receipt-7 and receipt-8, each resuming at Charge")),
            new ReadmeFlow("the failed Express executions, found by one Logs Insights query", "Receipts", new[] { PermissionUse.Analysis, PermissionUse.ExpressLogs }, new[] { FindExpress },
                new[] { "Find-SfnExpressExecution -StateMachineArn $stateMachineArn -Search LogsInsights" },
                run => Expect(string.Join(",", run.Result.Output.Select(o => Text(o, "Name") + " " + Text(o, "Status")).OrderBy(n => n, StringComparer.Ordinal)) == "receipt-7 FAILED,receipt-8 TIMED_OUT"
                    && run.Endpoint.Count("StartQuery") == 1, "receipt-7 FAILED and receipt-8 TIMED_OUT, from one query")),
            new ReadmeFlow("the failed Express executions resumed on an Express copy, and waited for", "Receipts", new[] { PermissionUse.Analysis, PermissionUse.GoTo, PermissionUse.ExpressLogs }, new[] { FindExpress, Invoke },
                new[] { "Find-SfnExpressExecution -StateMachineArn $stateMachineArn | Invoke-SfnRedrive -Wait -Force -OutVariable results" },
                run => Expect(Outcomes(run.Variable("results")) == "GoTo SUCCEEDED,GoTo SUCCEEDED" && run.World.Server.ExpressStarts.All(s => s.StateMachineArn == RedriveServer.MachineArn("Receipts-goto")) && run.World.Server.ExpressStarts.Count == 2,
                    "receipt-7 and receipt-8 resumed on Receipts-goto, both SUCCEEDED")),
            new ReadmeFlow("resume an Express execution at the failed state in one line", "Receipts", new[] { PermissionUse.Analysis, PermissionUse.GoTo, PermissionUse.ExpressLogs }, new[] { FailurePoint, NewGoTo, StartGoTo },
                new[] { GoToOneLine },
                run => Expect(run.World.Server.ExpressStarts.Count == 1 && run.World.Server.ExpressStarts[0].StateMachineArn == RedriveServer.MachineArn("Receipts-goto"), "one run started on Receipts-goto"))
            {
                Execution = "receipt-7",
            },
            new ReadmeFlow("save one history", "Orders", new[] { PermissionUse.Analysis }, new[] { Save },
                new[] { "Save-SfnExecutionHistory -ExecutionArn 'arn:aws:states:eu-west-1:123456789012:execution:Orders:run-42' -Path ./run-42.json" },
                run => Expect(File.Exists(Path.Combine(run.World.Work.FullName, "run-42.json")), "./run-42.json was written")),
            new ReadmeFlow("every failure point of a state machine", "Orders", new[] { PermissionUse.Analysis }, new[] { ListTool, FailurePoint },
                new[] { "Get-SFNExecutionList -StateMachineArn $stateMachineArn -StatusFilter FAILED | Get-SfnFailurePoint" },
                run => Expect(run.Result.Output.Count == 4 && run.Result.Output.All(o => Text(o, "ResumeState") == "Charge"), "four failure points, each resuming at Charge")),
            new ReadmeFlow("save every failed execution's history", "Orders", new[] { PermissionUse.Analysis }, new[] { ListTool, Save },
                new[] { "Get-SFNExecutionList -StateMachineArn $stateMachineArn -StatusFilter FAILED |\n    Save-SfnExecutionHistory -Path ./histories" },
                run => Expect(Directory.GetFiles(Path.Combine(run.World.Work.FullName, "histories")).Length == 4, "four files in ./histories"))
            {
                Arrange = world => Directory.CreateDirectory(Path.Combine(world.Work.FullName, "histories")),
            },
            new ReadmeFlow("a failed Distributed Map's run", "Batch", new[] { PermissionUse.Analysis, PermissionUse.DistributedMap }, new[] { FailurePoint },
                new[] { $"(Get-SfnFailurePoint {Nightly}).MapRun" },
                run => Expect(run.Result.Output.Count == 1 && run.Result.Output[0].BaseObject is MapRun mapRun && mapRun.Status == "FAILED" && mapRun.ItemCounts?.Failed == 3, "the Map Run, FAILED, three items failed")),
            new ReadmeFlow("the failed children of a Distributed Map", "Batch", new[] { PermissionUse.Analysis, PermissionUse.DistributedMap }, new[] { FailurePoint },
                new[] { $"$children = Get-SfnFailurePoint {Nightly} -MapRunChildren" },
                run => Expect(string.Join(",", run.Variable("children").Select(c => Text(c, "FailedState")).OrderBy(s => s, StringComparer.Ordinal)) == "Charge card,Charge card,Charge card,Fetch order,Fetch order", "three children failed in Charge card, two stopped in Fetch order")),
            new ReadmeFlow("the resume-ready check of a pipeline", "Payments", new[] { PermissionUse.Analysis }, new[] { ResumeReady },
                new[] { "$ErrorActionPreference = 'Stop'", "Test-SfnResumeReadyDefinition -StateMachineArn $stateMachineArn -SourcePath ./orders.asl.json" },
                run => Expect(run.Result.Output.Count == 1 && (bool)run.Result.Output[0].Properties["Passed"].Value, "Passed")),
            new ReadmeFlow("the copies of one state machine", "Orders", new[] { PermissionUse.Analysis, PermissionUse.CleanUp }, new[] { ListCopies },
                new[] { "Get-SfnGoToStateMachine -SourceStateMachineArn 'arn:aws:states:eu-west-1:123456789012:stateMachine:Orders'" },
                run => Expect(Copies(run.Result.Output) == "Orders-goto Idle", "Orders-goto, Idle"))
            {
                Arrange = world => world.AddOrdersCopy(),
            },
            new ReadmeFlow("every copy in the region", "Orders", new[] { PermissionUse.Analysis, PermissionUse.CleanUp }, new[] { ListCopies },
                new[] { "Get-SfnGoToStateMachine -Region eu-west-1" },
                run => Expect(Copies(run.Result.Output) == "Orders-goto Idle", "Orders-goto, Idle"))
            {
                Arrange = world => world.AddOrdersCopy(),
            },
            new ReadmeFlow("a clean-up tried first", "Orders", new[] { PermissionUse.Analysis, PermissionUse.CleanUp }, new[] { ListCopies, RemoveCopies },
                new[] { "Get-SfnGoToStateMachine | Remove-SfnGoToStateMachine -WhatIf" },
                run => Expect(run.Endpoint.Count("DeleteStateMachine") == 0, "nothing deleted"))
            {
                Arrange = world => world.AddOrdersCopy(),
            },
            new ReadmeFlow("a clean-up of the idle copies", "Orders", new[] { PermissionUse.Analysis, PermissionUse.CleanUp }, new[] { ListCopies, RemoveCopies },
                new[] { "Get-SfnGoToStateMachine | Where-Object Status -eq 'Idle' | Remove-SfnGoToStateMachine -Force" },
                run => Expect(Copies(run.Result.Output) == "Orders-goto Deleted" && run.Endpoint.Count("DeleteStateMachine") == 1, "Orders-goto Deleted, one DeleteStateMachine"))
            {
                Arrange = world => world.AddOrdersCopy(),
            },
            new ReadmeFlow("the plan of every failed execution", "Orders", new[] { PermissionUse.Analysis }, new[] { ListTool, Test },
                new[] { "Get-SFNExecutionList -StateMachineArn $stateMachineArn -StatusFilter FAILED | Test-SfnRedrive" },
                run => Expect(Methods(run.Result.Output) == "GoTo,GoTo,Redrive,Redrive" && run.Result.Output.All(o => Text(o, "Status") == "Planned"), "two redrives and two GoTo resumes planned")),
            new ReadmeFlow("what Invoke-SfnRedrive would do", "Orders", new[] { PermissionUse.Analysis }, new[] { Invoke },
                new[] { "Invoke-SfnRedrive -ExecutionArn $arns -WhatIf" },
                run => Expect(Changes(run) == 0, "nothing changed")),
            new ReadmeFlow("resume at the failed state in one line", "Orders", new[] { PermissionUse.Analysis, PermissionUse.GoTo }, new[] { FailurePoint, NewGoTo, StartGoTo },
                new[] { GoToOneLine },
                run => Expect(run.StartedOn("Orders-goto") == 1, "one run started on Orders-goto")),
            new ReadmeFlow("what New-SfnGoToStateMachine would do", "Orders", new[] { PermissionUse.Analysis, PermissionUse.GoTo }, new[] { FailurePoint, NewGoTo },
                new[] { "Get-SfnFailurePoint $executionArn | New-SfnGoToStateMachine -WhatIf" },
                run => Expect(Changes(run) == 0, "nothing changed")),
            new ReadmeFlow("resume at a state you name, with an input of your own", "Orders", new[] { PermissionUse.Analysis, PermissionUse.GoTo }, new[] { NewGoTo, StartGoTo },
                new[] { "New-SfnGoToStateMachine -StateMachineArn $stateMachineArn -StateName Ship -Input @{ orderId = 42 } | Start-SfnGoToExecution" },
                run => Expect(run.StartedOn("Orders-goto") == 1 && ResumingState(run.World.Server.Started.Single().Input) == "Ship", "one run started at Ship")),
            new ReadmeFlow("a copy of an older definition is updated", "Orders", new[] { PermissionUse.Analysis, PermissionUse.GoTo }, new[] { FailurePoint, NewGoTo, StartGoTo },
                new[] { GoToOneLine },
                run => Expect(run.Endpoint.Count("UpdateStateMachine") == 1 && run.StartedOn("Orders-goto") == 1, "the copy updated, one run started"))
            {
                Arrange = world => world.Server.AddMachine("Orders-goto", @"{ ""StartAt"": ""Old"", ""States"": { ""Old"": { ""Type"": ""Pass"", ""End"": true } } }", DateTime.UtcNow.AddDays(-10)),
            },
            new ReadmeFlow("the same GoTo object started twice", "Orders", new[] { PermissionUse.Analysis, PermissionUse.GoTo }, new[] { FailurePoint, NewGoTo, StartGoTo },
                new[] { "$goto = Get-SfnFailurePoint $executionArn | New-SfnGoToStateMachine", "$goto | Start-SfnGoToExecution      # starts order-42-r1-5be0c2d1", "$goto | Start-SfnGoToExecution      # the same run; nothing new starts" },
                run => Expect(run.StartedOn("Orders-goto") == 1, "one run started")),
            new ReadmeFlow("redrive what the plan says redrives", "Orders", new[] { PermissionUse.Analysis, PermissionUse.Redrive }, new[] { Test, Invoke },
                new[] { "Test-SfnRedrive $arns | Where-Object Method -eq Redrive | Invoke-SfnRedrive -Force" },
                run => Expect(run.World.Server.Redrives.Count == 2 && run.World.Server.Started.Count == 0, "two executions redriven, nothing else")),
            new ReadmeFlow("redrive a failed Distributed Map", "Batch", new[] { PermissionUse.Analysis, PermissionUse.Redrive, PermissionUse.DistributedMap }, new[] { Invoke },
                new[] { $"Invoke-SfnRedrive {Nightly} -Force" },
                run => Expect(run.World.Server.Redrives.Count == 1 && run.World.Server.Started.Count == 0 && run.Result.Output.Count == 1 && ((IEnumerable<string>)run.Result.Output[0].Properties["ReasonCodes"].Value).SequenceEqual(new[] { "MapRunRedrive" }), "the parent redriven once, nothing started, MapRunRedrive")),
            new ReadmeFlow("resume a failed Distributed Map past the redrive window: only its unfinished items", "Batch", new[] { PermissionUse.Analysis, PermissionUse.GoTo, PermissionUse.DistributedMap }, new[] { Invoke },
                new[] { $"Invoke-SfnRedrive {Nightly} -Force" },
                run => Expect(run.StartedOn("Batch-goto") == 1 && run.World.Server.Redrives.Count == 0 && run.World.S3.Count("PUT") == 1 && run.Result.Output.Count == 1
                    && Text(run.Result.Output[0], "Method") == "GoTo" && Text(run.Result.Output[0], "Precision") == "Precise" && Text(run.Result.Output[0], "ItemsRunAgainByGoTo") == "5",
                    "one GoTo run started on Batch-goto, Precise, the five unfinished items written to S3 for it, nothing redriven"))
            {
                Arrange = world => world.AgeBatchNightly(),
            },
            new ReadmeFlow("redrive only", "Orders", new[] { PermissionUse.Analysis, PermissionUse.Redrive }, new[] { Invoke },
                new[] { "Invoke-SfnRedrive -ExecutionArn $arns -Method Redrive -Confirm:$false   # skips what AWS would refuse" },
                run => Expect(run.World.Server.Redrives.Count == 2 && run.World.Server.Started.Count == 0, "two executions redriven, two skipped")),
            new ReadmeFlow("resume with a corrected input", "Orders", new[] { PermissionUse.Analysis, PermissionUse.GoTo }, new[] { FailurePoint, Invoke },
                new[] { "$point = Get-SfnFailurePoint $executionArn; $point.ResumeInput = '{\"orderId\": 42, \"country\": \"DE\"}'", "$point | Invoke-SfnRedrive -Method GoTo -Force" },
                run => Expect(run.StartedOn("Orders-goto") == 1 && run.World.Server.Started.Single().Input.Contains("\"country\":\"DE\"", StringComparison.Ordinal), "one run started with country DE")),
            new ReadmeFlow("preflight the plan", "Orders", new[] { PermissionUse.Analysis, PermissionUse.Preflight }, new[] { ListTool, Test },
                new[] { "Get-SFNExecutionList -StateMachineArn $stateMachineArn -StatusFilter FAILED | Test-SfnRedrive -Preflight" },
                run => NotTestable(run.Result.Output)),
            new ReadmeFlow("resume every failed execution and wait", "Orders", new[] { PermissionUse.Analysis, PermissionUse.Redrive, PermissionUse.GoTo }, new[] { ListTool, Invoke },
                new[] { WaitForAll },
                run => Expect(Outcomes(run.Variable("results")) == "GoTo SUCCEEDED,GoTo SUCCEEDED,Redrive SUCCEEDED,Redrive SUCCEEDED", "two redrives and two GoTo runs, all SUCCEEDED")),
            new ReadmeFlow("a canary before the many", "Orders", new[] { PermissionUse.Analysis, PermissionUse.Redrive, PermissionUse.GoTo }, new[] { ListTool, Invoke },
                new[] { "Get-SFNExecutionList -StateMachineArn $stateMachineArn -StatusFilter FAILED | Invoke-SfnRedrive -Canary 1 -Force" },
                run => Expect(run.World.Server.Redrives.Count == 2 && run.StartedOn("Orders-goto") == 2, "every execution resumed")),
            new ReadmeFlow("the same command again after a resumed run failed", "Orders", new[] { PermissionUse.Analysis, PermissionUse.Redrive, PermissionUse.GoTo }, new[] { ListTool, Invoke },
                new[] { WaitForAll, WaitForAll },
                run => Expect(run.World.Server.Started.Count(s => s.Arn.Contains("order-0954-r2-", StringComparison.Ordinal) && ResumingState(s.Input) == "Ship") == 1, "order-0954 resumed again, at Ship, where its first resume failed"))
            {
                Arrange = world => world.Server.GoToRun = name => name.StartsWith("order-0954-r1-", StringComparison.Ordinal) ? ("FAILED", FailsAtShip()) : null,
            },
            new ReadmeFlow("a runbook's resume", "Orders", new[] { PermissionUse.Analysis, PermissionUse.Redrive, PermissionUse.GoTo, PermissionUse.Preflight }, new[] { ListTool, Invoke },
                new[] { "$failed = Get-SFNExecutionList -StateMachineArn $StateMachineArn -StatusFilter FAILED @aws", "$results = $failed | Invoke-SfnRedrive -Preflight -Canary 1 -Wait -Force @aws -ErrorVariable problems -ErrorAction SilentlyContinue" },
                run => Expect(Outcomes(run.Variable("results")) == "GoTo SUCCEEDED,GoTo SUCCEEDED,Redrive SUCCEEDED,Redrive SUCCEEDED", "every execution resumed and SUCCEEDED")),
            new ReadmeFlow("resume at the failed state, logging and a customer managed key kept", "Ledger", new[] { PermissionUse.Analysis, PermissionUse.GoTo }, new[] { FailurePoint, NewGoTo, StartGoTo },
                new[] { GoToOneLine },
                run => Expect(run.StartedOn("Ledger-goto") == 1 && KeepsSettings(run), "one run started on Ledger-goto, a copy with Ledger's logging and key"))
            {
                Execution = "ledger-7",
            },
            new ReadmeFlow("resume every failed execution of a logging, encrypted state machine and wait", "Ledger", new[] { PermissionUse.Analysis, PermissionUse.Redrive, PermissionUse.GoTo }, new[] { ListTool, Invoke },
                new[] { WaitForAll },
                run => Expect(Outcomes(run.Variable("results")) == "GoTo SUCCEEDED,GoTo SUCCEEDED,Redrive SUCCEEDED", "two GoTo runs and a redrive, all SUCCEEDED")),
            new ReadmeFlow("resume on a state machine deployed resume-ready", "Payments", new[] { PermissionUse.Analysis, PermissionUse.OnMachine }, new[] { FailurePoint, NewGoTo, StartGoTo },
                new[] { GoToOneLine },
                run => Expect(StartedOn(run, RedriveServer.MachineArn("Payments")) == 1 && run.Endpoint.Count("CreateStateMachine") == 0, "one run started on Payments itself, and no copy"))
            {
                Execution = "pay-7",
            },
            new ReadmeFlow("resume on the version an execution ran", "Payments", new[] { PermissionUse.Analysis, PermissionUse.OnMachine }, new[] { FailurePoint, NewGoTo, StartGoTo },
                new[] { GoToOneLine },
                run => Expect(StartedOn(run, RedriveServer.MachineArn("Payments") + ":1") == 1 && run.Endpoint.Count("CreateStateMachine") == 0, "one run started on Payments:1, and no copy"))
            {
                Execution = "pay-5",
            },
            new ReadmeFlow("resume every failed execution of a resume-ready state machine and wait", "Payments", new[] { PermissionUse.Analysis, PermissionUse.Redrive, PermissionUse.OnMachine }, new[] { ListTool, Invoke },
                new[] { WaitForAll },
                run => Expect(Outcomes(run.Variable("results")) == "OnMachine SUCCEEDED,OnMachine SUCCEEDED,Redrive SUCCEEDED" && run.Endpoint.Count("CreateStateMachine") == 0, "two runs on the machine and a redrive, all SUCCEEDED, and no copy")),
        };

        private static string? Expect(bool holds, string what) => holds ? null : "expected " + what;

        private static string Text(PSObject item, string property) => item.Properties[property]?.Value?.ToString() ?? string.Empty;

        private static string Names(IEnumerable<PSObject> items) => string.Join(",", items.Select(i => Text(i, "ExecutionName") is { Length: > 0 } name ? name : Text(i, "Name")).OrderBy(n => n, StringComparer.Ordinal));

        private static string Copies(IEnumerable<PSObject> copies) => string.Join(",", copies.Select(c => Text(c, "StateMachineName") + " " + Text(c, "Status")));

        private static string Methods(IEnumerable<PSObject> results) => string.Join(",", results.Select(r => Text(r, "Method")).OrderBy(m => m, StringComparer.Ordinal));

        private static string Outcomes(IEnumerable<PSObject> results) => string.Join(",", results.Select(r => Text(r, "Method") + " " + Text(r, "Status")).OrderBy(m => m, StringComparer.Ordinal));

        /// <summary>The runs StartExecution started on exactly this ARN (a state machine, or a version of it).</summary>
        private static int StartedOn(FlowRun run, string arn) => run.Endpoint.Requests
            .Count(r => r.Operation == "StartExecution" && JsonDocument.Parse(r.Body).RootElement.GetProperty("stateMachineArn").GetString() == arn);

        private static int Changes(FlowRun run) => run.Endpoint.Count("RedriveExecution") + run.Endpoint.Count("CreateStateMachine") + run.Endpoint.Count("UpdateStateMachine") + run.Endpoint.Count("StartExecution");

        private static string ResumingState(string input) => JsonDocument.Parse(input).RootElement.GetProperty("resuming").GetProperty("state").GetString()!;

        /// <summary>The GoTo plans were checked: each Preflight Passed or Failed, none NotTestable for a reason of their own.</summary>
        private static string? NotTestable(IReadOnlyList<PSObject> rows)
        {
            var notMade = rows.Where(r => Text(r, "Method") == "GoTo").Select(r => (PreflightOutcome)r.Properties["Preflight"].Value)
                .Where(p => p.Status == PreflightStatus.NotTestable).Select(p => $"{p.Code}: {p.Reason}").ToList();
            return rows.Count(r => Text(r, "Method") == "GoTo") != 2 ? "expected two GoTo plans"
                : notMade.Count > 0 ? "the preflight was not made: " + string.Join(" | ", notMade) : null;
        }

        /// <summary>The copy was created with the original's logging and customer managed key.</summary>
        private static bool KeepsSettings(FlowRun run)
        {
            var create = JsonDocument.Parse(run.Endpoint.Requests.Single(r => r.Operation == "CreateStateMachine").Body).RootElement;
            return create.GetProperty("loggingConfiguration").GetProperty("level").GetString() == "ALL"
                && create.GetProperty("encryptionConfiguration").GetProperty("kmsKeyId").GetString() == PermissionWorld.LedgerKey;
        }

        /// <summary>The first resume gets past Charge and fails at Ship, with what Charge produced.</summary>
        private static IReadOnlyList<string> FailsAtShip()
        {
            var history = new HistoryBuilder();
            var charged = history.Task("Charge", OrdersMachine.RecordedInput, "{\"order\":42,\"charged\":true}", 0);
            history.Failed(history.FailingTask("Ship", "{\"order\":42,\"charged\":true}", charged, "Lambda.ServiceException"), "Lambda.ServiceException", "no truck");
            return history.Events;
        }
    }
}
