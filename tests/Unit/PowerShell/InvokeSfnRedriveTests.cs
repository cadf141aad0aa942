using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using SfnResume.Redrive;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>Invoke-SfnRedrive and Test-SfnRedrive in a hosted engine, against a loopback Step Functions that keeps execution state.</summary>
    public sealed class InvokeSfnRedriveTests : IDisposable
    {
        private static readonly DateTime Now = DateTime.UtcNow;

        private readonly RedriveServer server = new RedriveServer();
        private readonly LoopbackEndpoint endpoint;
        private readonly PowerShellSession session = new PowerShellSession();

        public InvokeSfnRedriveTests()
        {
            server.AddMachine("Orders", OrdersMachine.Definition, Now.AddDays(-400));
            endpoint = new LoopbackEndpoint(server.Handle);
        }

        public void Dispose()
        {
            session.Dispose();
            endpoint.Dispose();
        }

        private string FailedYesterday(string name) => server.AddExecution("Orders", name, Now.AddDays(-1).AddHours(-1), Now.AddDays(-1), OrdersMachine.FailedAtCharge());

        private PowerShellResult Run(string script, params (string Name, object? Value)[] variables)
        {
            var all = variables.ToDictionary(v => v.Name, v => v.Value);
            all["endpoint"] = endpoint.Url;
            return session.Run(@"
                foreach ($command in 'Invoke-SfnRedrive', 'Test-SfnRedrive', 'Get-SfnFailurePoint') {
                    $PSDefaultParameterValues[""${command}:EndpointUrl""] = $endpoint
                    $PSDefaultParameterValues[""${command}:Region""] = 'eu-west-1'
                    $PSDefaultParameterValues[""${command}:AccessKey""] = 'AKIDEXAMPLE'
                    $PSDefaultParameterValues[""${command}:SecretKey""] = 'secret'
                }
                " + script, all);
        }

        private static T Property<T>(PSObject item, string name) => (T)item.Properties[name].Value;

        private static PSObject ResultFor(PowerShellResult result, string executionArn) => result.Output.Single(o => Property<string>(o, "ExecutionArn") == executionArn);

        private int Changes => endpoint.Count("RedriveExecution") + endpoint.Count("CreateStateMachine") + endpoint.Count("UpdateStateMachine") + endpoint.Count("StartExecution");

        [Theory]
        [InlineData("Invoke-SfnRedrive -Force -Status FAILED")]
        [InlineData("Test-SfnRedrive -RedriveCount 0")]
        public void What_a_list_item_says_of_an_execution_cannot_be_typed_over_what_AWS_says(string command)
        {
            // A typed -Status FAILED was taken for what ListExecutions said, and a SUCCEEDED execution came out
            // as a planned redrive. Such parameters are bound from piped objects only; typed, they are refused.
            var arn = FailedYesterday("typed");

            var result = Run($"$arn | {command}", ("arn", arn));

            // A statement-terminating error: in a script it ends the command, not the script.
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("ListItemParameterTyped,", error.FullyQualifiedErrorId);
            Assert.Contains("read from piped objects, never typed", error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.Empty(endpoint.Requests);
        }

        [Fact]
        public void An_unexpected_failure_on_one_execution_is_its_InternalError_and_the_others_are_redriven()
        {
            var arns = new[] { FailedYesterday("a"), FailedYesterday("b"), FailedYesterday("c") };
            // An answer no code path expects (not JSON, with HTTP 200) for b only.
            using var garbled = new LoopbackEndpoint(request => request.Operation == "DescribeExecution" && request.Body.Contains(":b\"", StringComparison.Ordinal)
                ? new LoopbackResponse(200, "{not json")
                : server.Handle(request));

            var result = session.Run(
                "$arns | Invoke-SfnRedrive -Force -EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret",
                new Dictionary<string, object?> { ["arns"] = arns, ["endpoint"] = garbled.Url });

            Assert.Null(result.TerminatingError);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("InternalError,", error.FullyQualifiedErrorId);
            Assert.Equal(arns[1], error.TargetObject);
            Assert.Equal(new[] { arns[0], arns[2] }, result.Output.Select(o => Property<string>(o, "ExecutionArn")).OrderBy(a => a, StringComparer.Ordinal));
            Assert.Equal(1, server.Redrives[arns[0]]);
            Assert.Equal(1, server.Redrives[arns[2]]);
        }

        [Fact]
        public void Eligible_executions_are_redriven_once_each_with_a_token_from_the_execution_and_its_redrive_count()
        {
            var arns = new[] { FailedYesterday("a"), FailedYesterday("b"), FailedYesterday("c") };

            var result = Run("$arns | Invoke-SfnRedrive -Force", ("arns", arns));

            Assert.Empty(result.Errors);
            Assert.Equal(3, result.Output.Count);
            foreach (var arn in arns)
            {
                var item = ResultFor(result, arn);
                Assert.Equal("SfnResume.RedriveResult", item.BaseObject.GetType().FullName);
                Assert.Equal("Redrive", Property<string>(item, "Method"));
                Assert.Equal("Started", Property<string>(item, "Status"));
                Assert.Equal(arn, Property<string>(item, "ResumedExecutionArn"));
                Assert.Equal(RedriveServer.MachineArn("Orders"), Property<string>(item, "StateMachineArn"));
                Assert.Equal(1, Property<int>(item, "RedriveCount"));
                Assert.Equal(1, server.Redrives[arn]);
                Assert.Equal("RUNNING", server.StatusOf(arn));
                var call = endpoint.Requests.Single(r => r.Operation == "RedriveExecution" && r.Body.Contains(arn));
                Assert.Equal(RedriveClientToken.For(arn, 0), JsonDocument.Parse(call.Body).RootElement.GetProperty("clientToken").GetString());
            }

            Assert.Equal(3, endpoint.Count("RedriveExecution"));
            Assert.Equal(0, endpoint.Count("CreateStateMachine") + endpoint.Count("StartExecution"));
        }

        [Theory]
        [InlineData("Test-SfnRedrive $arn -Debug")]
        [InlineData("Get-SfnFailurePoint $arn -Debug")]
        [InlineData("Invoke-SfnRedrive $arn -Force -Debug")]
        public void Debug_asks_nothing_without_saying_what_about_and_writes_the_notes_as_debug_lines(string command)
        {
            // Under -Debug PowerShell makes verbose lines Inquire: each was followed by a bare "Continue with this
            // operation?" in an interactive shell. The notes are debug lines there, which it shows without asking.
            var host = new AnsweringHost("&Yes");
            using var interactive = new PowerShellSession(host: host);
            var arn = FailedYesterday("debugged");

            var result = interactive.Run(command.Replace("$arn", "$arn -EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret", StringComparison.Ordinal),
                new Dictionary<string, object?> { ["arn"] = arn, ["endpoint"] = endpoint.Url });

            Assert.Empty(result.Errors);
            Assert.Empty(host.Prompts);
            Assert.Empty(result.Verbose);
            Assert.Contains(result.Debug, d => d.StartsWith("Step Functions in eu-west-1", StringComparison.Ordinal));
            Assert.All(result.Debug, d => Assert.False(string.IsNullOrWhiteSpace(d)));
        }

        [Fact]
        public void Debug_asks_before_each_change_naming_the_execution()
        {
            var host = new AnsweringHost("&No");
            using var interactive = new PowerShellSession(host: host);
            var arn = FailedYesterday("asked");

            var result = interactive.Run("Invoke-SfnRedrive $arn -EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret -Debug",
                new Dictionary<string, object?> { ["arn"] = arn, ["endpoint"] = endpoint.Url });

            Assert.Empty(result.Errors);
            var prompt = Assert.Single(host.Prompts);
            Assert.Contains(arn, prompt, StringComparison.Ordinal);
            Assert.Contains("Redrive (RedriveExecution)", prompt, StringComparison.Ordinal);
            Assert.Equal(0, Changes);
        }

        [Fact]
        public void Test_SfnRedrive_Verbose_says_for_each_execution_the_method_chosen_and_why_in_one_line()
        {
            var recent = FailedYesterday("recent");
            var old = server.AddExecution("Orders", "old", Now.AddDays(-21), Now.AddDays(-20), OrdersMachine.FailedAtCharge(), redriveStatus: null);
            var succeeded = server.AddExecution("Orders", "fine", Now.AddDays(-2), Now.AddDays(-1), OrdersMachine.FailedAtCharge(), status: "SUCCEEDED");

            var plan = Run("Test-SfnRedrive -ExecutionArn $arns -Verbose", ("arns", new[] { recent, old, succeeded }));

            Assert.Empty(plan.Errors);
            string Note(string name) => Assert.Single(plan.Verbose, v => v.StartsWith(name + ": ", StringComparison.Ordinal));
            Assert.Equal("recent: Redrive (RedriveExecution) from the state that failed, with the definition it ran: AWS allows it and that definition is still the state machine's", Note("recent"));
            Assert.Equal("old: GoTo copy 'Orders-goto' at 'Charge': The execution closed 20 days ago; redrive is possible for 14 days.", Note("old"));
            Assert.Equal("fine: skipped: The execution succeeded: there is nothing to resume.", Note("fine"));
            Assert.All(plan.Verbose, v => Assert.DoesNotContain("\n", v, StringComparison.Ordinal));
            Assert.Equal(0, Changes);
        }

        [Fact]
        public void Each_reason_redrive_does_not_apply_leads_to_a_GoTo_run_or_a_skip_that_names_it()
        {
            var tooOld = server.AddExecution("Orders", "too-old", Now.AddDays(-21), Now.AddDays(-20), OrdersMachine.FailedAtCharge(), redriveStatus: null);
            var beforeRedrive = server.AddExecution("Orders", "before-redrive", new DateTime(2023, 6, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2023, 6, 1, 1, 0, 0, DateTimeKind.Utc), OrdersMachine.FailedAtCharge(), redriveStatus: null);
            var tooLong = server.AddExecution("Orders", "too-long", Now.AddDays(-2), Now.AddDays(-1), OrdersMachine.FailedAtCharge(), redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: "Execution history event limit exceeded");
            var succeeded = server.AddExecution("Orders", "fine", Now.AddDays(-2), Now.AddDays(-1), OrdersMachine.FailedAtCharge(), status: "SUCCEEDED");
            var running = server.AddExecution("Orders", "busy", Now.AddHours(-2), null, OrdersMachine.FailedAtCharge(), status: "RUNNING");
            var express = "arn:aws:states:eu-west-1:123456789012:express:Orders:quick:1f2e3d";

            var plan = Run("Test-SfnRedrive -ExecutionArn $arns", ("arns", new[] { tooOld, beforeRedrive, tooLong, succeeded, running, express }));

            Assert.Empty(plan.Errors);
            Assert.Equal(0, Changes);
            (string Method, string Status, string Codes) Row(PowerShellResult r, string arn)
            {
                var item = ResultFor(r, arn);
                return (Property<string>(item, "Method"), Property<string>(item, "Status"), string.Join(",", Property<IReadOnlyList<string>>(item, "ReasonCodes")));
            }

            Assert.Equal(("GoTo", "Planned", "ClosedTooLongAgo"), Row(plan, tooOld));
            Assert.Equal(("GoTo", "Planned", "StartedBeforeRedrive,ClosedTooLongAgo"), Row(plan, beforeRedrive));
            Assert.Equal(("GoTo", "Planned", "HistoryTooLong"), Row(plan, tooLong));
            Assert.Contains("Execution history event limit exceeded", Property<string>(ResultFor(plan, tooLong), "Reason"));
            Assert.Equal(("None", "Skipped", "Succeeded"), Row(plan, succeeded));
            Assert.Equal(("None", "Skipped", "NotClosed"), Row(plan, running));
            // An Express execution of a state machine that does not log: nothing to resume it from.
            Assert.Equal(("None", "Skipped", "ExpressExecution,ExpressLoggingOff"), Row(plan, express));
            Assert.Equal("Charge", Property<string>(ResultFor(plan, tooOld), "ResumeState"));

            var done = Run("$arns | Invoke-SfnRedrive -Force", ("arns", new[] { tooOld, beforeRedrive, tooLong, succeeded, running, express }));

            Assert.Empty(done.Errors);
            Assert.Equal(0, endpoint.Count("RedriveExecution"));
            Assert.Equal(1, endpoint.Count("CreateStateMachine"));
            var copy = RedriveServer.MachineArn("Orders-goto");
            foreach (var arn in new[] { tooOld, beforeRedrive, tooLong })
            {
                var item = ResultFor(done, arn);
                Assert.Equal("GoTo", Property<string>(item, "Method"));
                Assert.Equal("Started", Property<string>(item, "Status"));
                Assert.Equal(copy, Property<string>(item, "StateMachineArn"));
                var run = server.Started.Single(s => s.Arn == Property<string>(item, "ResumedExecutionArn"));
                Assert.Equal(copy, run.StateMachineArn);
                var resuming = JsonDocument.Parse(run.Input).RootElement.GetProperty("resuming");
                Assert.Equal("Charge", resuming.GetProperty("state").GetString());
                Assert.Equal(OrdersMachine.RecordedInput, resuming.GetProperty("input").GetRawText());
            }

            Assert.Equal(("None", "Skipped", "Succeeded"), Row(done, succeeded));
            Assert.Equal(3, server.Started.Count);
        }

        [Fact]
        public void A_definition_changed_since_the_run_is_resumed_with_a_GoTo_copy_of_the_current_definition()
        {
            var before = FailedYesterday("before-fix");
            var fixedDefinition = OrdersMachine.Definition.Replace("\"Next\": \"Done\"", "\"Retry\": [ { \"ErrorEquals\": [ \"States.ALL\" ] } ], \"Next\": \"Done\"");
            server.UpdateMachine("Orders", fixedDefinition, Now.AddHours(-1));

            var result = Run("Invoke-SfnRedrive $arn -Force", ("arn", before));

            Assert.Empty(result.Errors);
            var item = Assert.Single(result.Output);
            Assert.Equal("GoTo", Property<string>(item, "Method"));
            Assert.Equal(new[] { "DefinitionChanged" }, Property<IReadOnlyList<string>>(item, "ReasonCodes"));
            Assert.Equal(0, endpoint.Count("RedriveExecution"));
            var create = JsonDocument.Parse(endpoint.Requests.Single(r => r.Operation == "CreateStateMachine").Body).RootElement;
            Assert.Contains("States.ALL", create.GetProperty("definition").GetString());
        }

        [Fact]
        public void A_child_of_a_Distributed_Map_run_is_skipped_with_a_pointer_to_its_parent()
        {
            var child = server.AddExecution("Orders", "map-child", Now.AddDays(-1), Now.AddHours(-20), OrdersMachine.FailedAtCharge(), redriveStatus: "REDRIVABLE_BY_MAP_RUN");

            var result = Run("Invoke-SfnRedrive $arn -Force", ("arn", child));

            Assert.Empty(result.Errors);
            var item = Assert.Single(result.Output);
            Assert.Equal(new[] { "RedrivableByMapRun" }, Property<IReadOnlyList<string>>(item, "ReasonCodes"));
            Assert.Contains("parent execution", Property<string>(item, "Reason"));
            Assert.Equal(0, Changes);
        }

        [Fact]
        public void Without_permission_to_read_the_state_machine_eligible_executions_still_redrive_and_GoTo_ones_say_why_not()
        {
            var eligible = FailedYesterday("eligible");
            var tooOld = server.AddExecution("Orders", "too-old", Now.AddDays(-21), Now.AddDays(-20), OrdersMachine.FailedAtCharge(), redriveStatus: null);
            using var denied = new LoopbackEndpoint(r => r.Operation == "DescribeStateMachine" || r.Operation == "DescribeStateMachineForExecution"
                ? LoopbackResponse.Error("AccessDeniedException", "not authorized to perform states:DescribeStateMachine")
                : server.Handle(r));

            var result = Run("Invoke-SfnRedrive $arns -Force -EndpointUrl $denied", ("arns", new[] { eligible, tooOld }), ("denied", denied.Url));

            Assert.Equal("Redrive", Property<string>(Assert.Single(result.Output), "Method"));
            Assert.Equal(1, server.Redrives[eligible]);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("AccessDeniedException,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Equal(tooOld, error.TargetObject);
        }

        [Fact]
        public void Method_Redrive_redrives_a_changed_definition_and_skips_what_AWS_would_refuse()
        {
            var before = FailedYesterday("before-fix");
            server.UpdateMachine("Orders", OrdersMachine.Definition.Replace("Prepare", "Ready"), Now.AddHours(-1));
            var tooOld = server.AddExecution("Orders", "too-old", Now.AddDays(-21), Now.AddDays(-20), OrdersMachine.FailedAtCharge(), redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: "Execution closed more than 14 days ago");

            var result = Run("Invoke-SfnRedrive $before, $tooOld -Method Redrive -Force", ("before", before), ("tooOld", tooOld));

            Assert.Empty(result.Errors);
            Assert.Equal("Redrive", Property<string>(ResultFor(result, before), "Method"));
            Assert.Equal("None", Property<string>(ResultFor(result, tooOld), "Method"));
            Assert.Contains("14 days", Property<string>(ResultFor(result, tooOld), "Reason"));
            Assert.Equal(1, endpoint.Count("RedriveExecution"));
            Assert.Equal(0, endpoint.Count("DescribeStateMachineForExecution") + endpoint.Count("CreateStateMachine"));
        }

        [Fact]
        public void Method_GoTo_resumes_an_eligible_execution_with_a_copy()
        {
            var arn = FailedYesterday("eligible");

            var result = Run("Invoke-SfnRedrive $arn -Method GoTo -Force", ("arn", arn));

            Assert.Empty(result.Errors);
            Assert.Equal("GoTo", Property<string>(Assert.Single(result.Output), "Method"));
            Assert.Equal(0, endpoint.Count("RedriveExecution"));
            Assert.Single(server.Started);
        }

        [Fact]
        public void A_GoTo_run_of_a_Map_failure_replays_the_finished_items_and_says_it_is_precise()
        {
            // Closed 400 days ago, so redrive cannot: the GoTo copy resumes, re-running only items 3 and 7.
            const string task = "\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\"";
            var definition = "{\"StartAt\":\"Items\",\"States\":{\"Items\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"ResultPath\":\"$.done\",\"End\":true,"
                + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"INLINE\"},\"StartAt\":\"Work\",\"States\":{\"Work\":{" + task + ",\"End\":true}}}}}}";
            var input = "{\"items\":[" + string.Join(",", Enumerable.Range(0, 10).Select(i => $"{{\"i\":{i}}}")) + "]}";
            server.AddMachine("Batch", definition, Now.AddDays(-500));
            var history = ShapeRun.FailedHistory(definition, input, (state, item) => item?["i"]?.GetValue<int>() is 3 or 7);
            var arn = server.AddExecution("Batch", "old", Now.AddDays(-401), Now.AddDays(-400), history, redriveStatus: null);

            var plan = Run("Test-SfnRedrive $arn", ("arn", arn));
            var result = Run("Invoke-SfnRedrive $arn -Force", ("arn", arn));

            Assert.Empty(result.Errors);
            Assert.Equal("Precise", Property<string>(Assert.Single(plan.Output), "Precision"));
            Assert.Equal("Precise", Property<string>(Assert.Single(result.Output), "Precision"));
            using var started = System.Text.Json.JsonDocument.Parse(Assert.Single(server.Started).Input);
            var entries = started.RootElement.GetProperty("resuming").GetProperty("replay").GetProperty("entries").EnumerateArray().ToList();
            Assert.Equal(10, entries.Count);
            Assert.Equal(new[] { 3, 7 }, Enumerable.Range(0, 10).Where(i => entries[i].TryGetProperty("state", out _)));
            Assert.Equal(8, entries.Count(e => e.TryGetProperty("output", out _)));
        }

        [Fact]
        public void WhatIf_reads_but_sends_no_changing_request()
        {
            var eligible = FailedYesterday("eligible");
            var tooOld = server.AddExecution("Orders", "too-old", Now.AddDays(-21), Now.AddDays(-20), OrdersMachine.FailedAtCharge(), redriveStatus: null);

            var result = Run("Invoke-SfnRedrive $arns -WhatIf", ("arns", new[] { eligible, tooOld }));

            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.True(endpoint.Count("DescribeExecution") >= 2);
            Assert.Equal(0, Changes);
            Assert.Equal("FAILED", server.StatusOf(eligible));
        }

        [Fact]
        public void Without_Force_or_Confirm_false_a_host_that_cannot_ask_gets_no_change()
        {
            var arn = FailedYesterday("eligible");

            var result = Run("Invoke-SfnRedrive $arn", ("arn", arn));

            // ConfirmImpact High: the engine asks before every change, and a runbook host that cannot ask fails the
            // call instead of going ahead. Runbooks pass -Force or -Confirm:$false.
            Assert.Contains(result.Errors, e => e.ToString().Contains("does not support user interaction", StringComparison.Ordinal));
            Assert.Empty(result.Output);
            Assert.Equal(0, Changes);
        }

        [Fact]
        public void An_execution_declined_at_the_prompt_has_its_result_and_the_batch_ends_with_one_summary_line()
        {
            // Every execution piped in has its line in the output, the ones the operator said No to as well, and
            // the information stream ends with what became of them all, for a runbook's log.
            var host = new AnsweringHost("&No");
            using var asking = new PowerShellSession(host: host);
            var declined = FailedYesterday("declined");
            var succeeded = server.AddExecution("Orders", "done", Now.AddDays(-2), Now.AddDays(-1), OrdersMachine.FailedAtCharge(), status: "SUCCEEDED");

            var result = asking.Run(@"
                $arns | Invoke-SfnRedrive -EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret -InformationVariable summary
                $summary | ForEach-Object { 'summary: ' + $_.MessageData }",
                new Dictionary<string, object?> { ["arns"] = new[] { declined, succeeded }, ["endpoint"] = endpoint.Url });

            Assert.Empty(result.Errors);
            Assert.Single(host.Prompts);
            Assert.Equal(0, Changes);
            var results = result.Output.Where(o => o.BaseObject is SfnResume.RedriveResult).ToList();
            Assert.Equal("Declined", Property<string>(results.Single(r => Property<string>(r, "ExecutionArn") == declined), "Status"));
            Assert.Equal("Skipped", Property<string>(results.Single(r => Property<string>(r, "ExecutionArn") == succeeded), "Status"));
            var summary = Assert.Single(result.Output.Select(o => o.ToString()), o => o.StartsWith("summary: ", StringComparison.Ordinal));
            Assert.Equal("summary: Invoke-SfnRedrive: 2 executions: 1 skipped (1 Succeeded), 1 declined, 0 failed.", summary);
        }

        [Fact]
        public void Prompts_come_in_the_order_the_executions_were_piped_in_though_the_first_plan_finishes_last()
        {
            var host = new AnsweringHost("&Yes");
            using var asking = new PowerShellSession(host: host);
            var arns = new[] { FailedYesterday("first"), FailedYesterday("second"), FailedYesterday("third") };

            // The first execution's plan is held until the others were asked about, or three seconds passed: only
            // asking in input order makes them wait for it.
            using var slowFirst = new LoopbackEndpoint(r =>
            {
                if (r.Operation == "DescribeExecution" && r.Body.Contains(arns[0], StringComparison.Ordinal))
                {
                    System.Threading.SpinWait.SpinUntil(() => host.Prompts.Count >= 2, TimeSpan.FromSeconds(3));
                }

                return server.Handle(r);
            });

            var result = asking.Run("$arns | Invoke-SfnRedrive -EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret",
                new Dictionary<string, object?> { ["arns"] = arns, ["endpoint"] = slowFirst.Url });

            Assert.Empty(result.Errors);
            Assert.Equal(3, host.Prompts.Count);
            Assert.Equal(arns, host.Prompts.Select(p => arns.Single(a => p.Contains(a, StringComparison.Ordinal))));
            Assert.All(arns, a => Assert.Equal(1, server.Redrives[a]));
        }

        [Fact]
        public void Pipeline_forms_bind_execution_lists_failure_points_and_plans()
        {
            var listed = FailedYesterday("listed");
            var pointed = FailedYesterday("pointed");
            var planned = FailedYesterday("planned");

            // Get-SFNExecutionList's items and Get-SfnFailurePoint's objects carry ExecutionArn; so does a plan.
            var result = Run(@"
                [pscustomobject]@{ ExecutionArn = $listed; Status = 'FAILED' } | Invoke-SfnRedrive -Confirm:$false
                Get-SfnFailurePoint $pointed | Invoke-SfnRedrive -Method GoTo -Confirm:$false
                Test-SfnRedrive $planned | Invoke-SfnRedrive -Confirm:$false",
                ("listed", listed), ("pointed", pointed), ("planned", planned));

            Assert.Empty(result.Errors);
            Assert.Equal("Redrive", Property<string>(ResultFor(result, listed), "Method"));
            Assert.Equal("GoTo", Property<string>(ResultFor(result, pointed), "Method"));
            Assert.Equal("Charge", Property<string>(ResultFor(result, pointed), "ResumeState"));
            Assert.Equal("Redrive", Property<string>(ResultFor(result, planned), "Method"));

            // The failure point already knew the state and input: the GoTo run did not read the history again.
            Assert.Equal(1, endpoint.Requests.Count(r => r.Operation == "GetExecutionHistory" && r.Body.Contains(pointed)));
        }

        [Fact]
        public void A_failure_point_from_the_pipeline_with_a_corrected_input_starts_with_that_input()
        {
            var arn = FailedYesterday("corrected");

            var result = Run(@"
                $point = Get-SfnFailurePoint $arn
                $point.ResumeInput = '{""order"":42,""items"":[1,2],""coupon"":null}'
                $point | Invoke-SfnRedrive -Method GoTo -Force", ("arn", arn));

            Assert.Empty(result.Errors);
            var run = Assert.Single(server.Started);
            Assert.Equal("{\"order\":42,\"items\":[1,2],\"coupon\":null}", JsonDocument.Parse(run.Input).RootElement.GetProperty("resuming").GetProperty("input").GetRawText());
        }

        [Fact]
        public void Wait_reports_each_resumed_run_as_it_ends_succeeded_or_failed_again_with_where()
        {
            var healed = FailedYesterday("healed");
            var stillBroken = server.AddExecution("Orders", "still-broken", Now.AddDays(-1), Now.AddHours(-20), OrdersMachine.FailedAtCharge(), afterRedrive: ("FAILED", OrdersMachine.FailsAgainAtCharge()));
            var tooOld = server.AddExecution("Orders", "too-old", Now.AddDays(-21), Now.AddDays(-20), OrdersMachine.FailedAtCharge(), redriveStatus: null);
            server.RunningPolls = 2;

            var result = Run("Invoke-SfnRedrive $arns -Wait -PollIntervalSeconds 1 -Force", ("arns", new[] { healed, stillBroken, tooOld }));

            Assert.Empty(result.Errors);
            Assert.Equal("SUCCEEDED", Property<string>(ResultFor(result, healed), "Status"));
            Assert.Equal("SUCCEEDED", Property<string>(ResultFor(result, tooOld), "Status"));
            Assert.Equal("GoTo", Property<string>(ResultFor(result, tooOld), "Method"));
            var broken = ResultFor(result, stillBroken);
            Assert.Equal("FAILED", Property<string>(broken, "Status"));
            var again = Property<FailurePoint>(broken, "FailurePoint");
            Assert.Equal("Charge", again.FailedState);
            Assert.Equal("Lambda.TooManyRequestsException", again.Error);
            Assert.Equal(1, again.RedriveCount);
            Assert.Contains(result.Progress, p => p.RecordType == ProgressRecordType.Completed);

            // The bar counts what ended, by outcome, as the rows and warnings do; the one that failed again says so.
            Assert.Contains(result.Progress, p => p.StatusDescription.StartsWith("Waiting for the resumed runs: 3 of 3 ended (2 SUCCEEDED, 1 FAILED), ", StringComparison.Ordinal)
                && p.StatusDescription.EndsWith(" so far", StringComparison.Ordinal));
            var warning = Assert.Single(result.Warnings);
            Assert.StartsWith("still-broken: its redrive ended FAILED at state 'Charge' (Lambda.TooManyRequestsException", warning);
            Assert.Contains("run the same command again", warning);
            Assert.Contains(result.Information, i => i.EndsWith("The runs followed: 2 SUCCEEDED, 1 FAILED.", StringComparison.Ordinal));
        }

        [Fact]
        public void Stopped_while_waiting_the_output_already_holds_every_change_made()
        {
            // Ctrl+C during -Wait lost the record of two redrives and a GoTo run: results came only as runs ended.
            var redriven = new[] { FailedYesterday("first"), FailedYesterday("second") };
            var old = server.AddExecution("Orders", "old", Now.AddDays(-21), Now.AddDays(-20), OrdersMachine.FailedAtCharge(), redriveStatus: null);
            server.RunningPolls = int.MaxValue;
            using var shell = session.CreateShell();
            shell.AddScript($"Invoke-SfnRedrive '{redriven[0]}', '{redriven[1]}', '{old}' -Wait -PollIntervalSeconds 1 -Force -AccessKey AKIDEXAMPLE -SecretKey x -Region eu-west-1 -EndpointUrl '{endpoint.Url}'");
            var output = new PSDataCollection<PSObject>();

            var running = shell.BeginInvoke<PSObject, PSObject>(null, output);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (endpoint.Count("ListExecutions") < 1 && DateTime.UtcNow < deadline)
            {
                System.Threading.Thread.Sleep(20);
            }

            Assert.True(endpoint.Count("ListExecutions") >= 1, "the wait never started");
            shell.Stop();

            Assert.True(running.IsCompleted);
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.Equal(2, server.Redrives.Count);
            Assert.Single(server.Started);
            var written = output.ToDictionary(o => Property<string>(o, "ExecutionArn"));
            Assert.Equal(redriven.Append(old).OrderBy(a => a), written.Keys.OrderBy(a => a));
            Assert.All(written.Values, r => Assert.Equal("Started", Property<string>(r, "Status")));
            Assert.Equal(Assert.Single(server.Started).Arn, Property<string>(written[old], "ResumedExecutionArn"));
        }

        [Fact]
        public void After_a_wait_that_timed_out_the_same_command_again_with_Wait_starts_nothing_and_follows_both_runs_to_their_end()
        {
            var redriven = FailedYesterday("slow-redrive");
            var old = server.AddExecution("Orders", "slow-goto", Now.AddDays(-21), Now.AddDays(-20), OrdersMachine.FailedAtCharge(), redriveStatus: null);
            server.RunningPolls = int.MaxValue;
            var first = Run("Invoke-SfnRedrive $arns -Wait -TimeoutSeconds 2 -PollIntervalSeconds 1 -Force", ("arns", new[] { redriven, old }));
            Assert.All(first.Output, o => Assert.Equal("RUNNING", Property<string>(o, "Status")));
            var advice = Assert.Single(first.Warnings);
            Assert.Contains("Run the same command again with -Wait", advice);
            var changes = Changes;

            // Following the advice: both runs are found going, reported AlreadyResumed, and waited for.
            server.EndRunningAfter(2);
            var again = Run("Invoke-SfnRedrive $arns -Wait -PollIntervalSeconds 1 -Force", ("arns", new[] { redriven, old }));

            Assert.Empty(again.Errors);
            Assert.Equal(changes, Changes);
            Assert.Equal(1, server.Redrives[redriven]);
            Assert.All(again.Output, o => Assert.Equal("SUCCEEDED", Property<string>(o, "Status")));
            Assert.Equal(redriven, Property<string>(ResultFor(again, redriven), "ResumedExecutionArn"));
            Assert.Equal(Assert.Single(server.Started).Arn, Property<string>(ResultFor(again, old), "ResumedExecutionArn"));
            Assert.Contains(again.Information, i => i.Contains("2 already resumed", StringComparison.Ordinal) && i.EndsWith("The runs followed: 2 SUCCEEDED.", StringComparison.Ordinal));
        }

        [Fact]
        public void Wait_follows_many_runs_with_one_list_a_round_and_describes_each_run_once_when_it_ends()
        {
            // 200 GoTo runs on one copy, each RUNNING for three observations: one ListExecutions a round sees
            // them all; a DescribeExecution is spent on a run only when the list no longer shows it running.
            var arns = Enumerable.Range(0, 200).Select(i => server.AddExecution("Orders", $"old-{i}", Now.AddDays(-31), Now.AddDays(-30), OrdersMachine.FailedAtCharge(), redriveStatus: null)).ToArray();
            server.RunningPolls = 3;

            var result = Run("Invoke-SfnRedrive $arns -Wait -PollIntervalSeconds 1 -Force", ("arns", arns));

            Assert.Empty(result.Errors);
            Assert.All(result.Output, o => Assert.Equal("SUCCEEDED", Property<string>(o, "Status")));
            Assert.Equal(200, result.Output.Count);
            var rounds = endpoint.Count("ListExecutions");
            Assert.InRange(rounds, 3, 6);
            // 200 to plan, 200 to find no earlier resume on the copy, then one per run as it ends: not 200 per round.
            Assert.InRange(endpoint.Count("DescribeExecution"), 600, 610);
        }

        [Fact]
        public void Wait_gives_up_at_the_timeout_with_the_runs_still_running_and_a_warning()
        {
            var arn = FailedYesterday("slow");
            server.RunningPolls = 1000;

            var result = Run("Invoke-SfnRedrive $arn -Wait -TimeoutSeconds 2 -PollIntervalSeconds 1 -Force", ("arn", arn));

            Assert.Empty(result.Errors);
            Assert.Equal("RUNNING", Property<string>(Assert.Single(result.Output), "Status"));
            Assert.Contains(result.Warnings, w => w.Contains("still running after 2 seconds", StringComparison.Ordinal) && !w.Contains("Get-SfnFailurePoint", StringComparison.Ordinal));
        }

        [Fact]
        public void A_run_that_cannot_be_followed_is_reported_as_started_with_why_and_the_others_are_waited_for()
        {
            var followed = FailedYesterday("followed");
            var hidden = FailedYesterday("hidden");
            var describes = 0;
            using var partly = new LoopbackEndpoint(r =>
                r.Operation == "DescribeExecution" && r.Body.Contains(hidden) && System.Threading.Interlocked.Increment(ref describes) > 1
                    ? LoopbackResponse.Error("AccessDeniedException", "not authorized to perform states:DescribeExecution")
                    : server.Handle(r));

            var result = Run("Invoke-SfnRedrive $arns -Wait -PollIntervalSeconds 1 -Force -EndpointUrl $partly", ("arns", new[] { followed, hidden }), ("partly", partly.Url));

            Assert.Empty(result.Errors);
            Assert.Equal("SUCCEEDED", Property<string>(ResultFor(result, followed), "Status"));
            var lost = ResultFor(result, hidden);
            Assert.Equal("Started", Property<string>(lost, "Status"));
            Assert.Contains("could not be followed", Property<string>(lost, "Reason"));
        }

        [Fact]
        public void One_failing_execution_is_a_non_terminating_error_and_the_others_go_on()
        {
            var good = FailedYesterday("good");
            var missing = RedriveServer.Account + ":execution:Orders:never-ran";

            var result = Run("Invoke-SfnRedrive $arns -Force", ("arns", new[] { missing, "not-an-arn", good }));

            Assert.Null(result.TerminatingError);

            // Each error comes when its execution's answer does: the endpoint's answer for the first ARN may come
            // before or after the local check of the second, so the order is not part of the contract.
            Assert.Equal(new[] { "ExecutionDoesNotExist,SfnResume.PowerShell.Commands.InvokeSfnRedriveCommand", "InvalidExecutionArn,SfnResume.PowerShell.Commands.InvokeSfnRedriveCommand" },
                result.Errors.Select(e => e.FullyQualifiedErrorId).OrderBy(id => id, StringComparer.Ordinal));
            var notFound = Assert.Single(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("ExecutionDoesNotExist,", StringComparison.Ordinal));
            Assert.Equal(ErrorCategory.ObjectNotFound, notFound.CategoryInfo.Category);
            Assert.Equal(missing, notFound.TargetObject);
            Assert.Equal("Redrive", Property<string>(Assert.Single(result.Output), "Method"));
        }

        [Fact]
        public void A_connection_setting_that_cannot_work_stops_the_batch_with_its_own_error_id_before_any_request()
        {
            var arn = FailedYesterday("any");

            var result = session.Run("Invoke-SfnRedrive $arn -Force -ProfileName no-such-profile-sfnresume -ProfileLocation $missing -EndpointUrl $endpoint",
                new Dictionary<string, object?> { ["arn"] = arn, ["endpoint"] = endpoint.Url, ["missing"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sfnresume-no-credentials-file") });

            var error = Assert.Single(result.Errors);
            Assert.Equal("ProfileNotFound,SfnResume.PowerShell.Commands.InvokeSfnRedriveCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Empty(result.Output);
            Assert.Empty(endpoint.Requests);
        }

        [Fact]
        public void Stopping_the_pipeline_ends_the_wait_at_once()
        {
            var arn = FailedYesterday("forever");
            server.RunningPolls = int.MaxValue;
            using var shell = session.CreateShell();
            shell.AddScript($"Invoke-SfnRedrive '{arn}' -Wait -PollIntervalSeconds 1 -Force -AccessKey AKIDEXAMPLE -SecretKey x -Region eu-west-1 -EndpointUrl '{endpoint.Url}'");

            var running = shell.BeginInvoke();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (endpoint.Count("DescribeExecution") < 2 && DateTime.UtcNow < deadline)
            {
                System.Threading.Thread.Sleep(20);
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            shell.Stop();
            clock.Stop();

            Assert.True(endpoint.Count("DescribeExecution") >= 2, "the wait never started");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Stop took {clock.Elapsed}");
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.True(running.IsCompleted);
            var requests = endpoint.Requests.Count;
            System.Threading.Thread.Sleep(1500);
            Assert.Equal(requests, endpoint.Requests.Count);
        }
    }
}
