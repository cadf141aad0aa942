using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using SfnResume.GoTo;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// Get-SfnGoToStateMachine and Remove-SfnGoToStateMachine in a hosted engine, against a loopback Step
    /// Functions that keeps machines, their tags and their executions. The account holds production machines,
    /// SfnResume's copies (tagged as GoToCopyService tags them) and machines that only look like copies.
    /// </summary>
    public sealed class GoToCopyLifecycleTests : IDisposable
    {
        private const string Copies = "Get-SfnGoToStateMachine";
        private const string Remove = "Remove-SfnGoToStateMachine";
        private const string RemoveId = ",SfnResume.PowerShell.Commands.RemoveSfnGoToStateMachineCommand";
        private static readonly DateTime Now = DateTime.UtcNow;

        private readonly RedriveServer server = new RedriveServer { RunningPolls = 1_000_000 };
        private readonly PowerShellSession session = new PowerShellSession();
        private LoopbackEndpoint? endpoint;

        public GoToCopyLifecycleTests()
        {
            server.AddMachine("Orders", OrdersMachine.Definition, Now.AddDays(-400));
            server.AddMachine("Billing", OrdersMachine.Definition, Now.AddDays(-300));
            server.AddMachine("Events", OrdersMachine.Definition, Now.AddDays(-200), type: "EXPRESS");
        }

        public void Dispose()
        {
            session.Dispose();
            endpoint?.Dispose();
        }

        private static string Arn(string name) => RedriveServer.MachineArn(name);

        private static string HashOf(string text) => GoToCopyNames.Hex(text);

        /// <summary>A copy as GoToCopyService makes it: the original's tags, then the source and the definition's hash.</summary>
        private string AddCopy(string source, DateTime created, string type = "STANDARD")
            => server.AddMachine(source + "-goto", OrdersMachine.Definition, created, type, new Dictionary<string, string>
            {
                ["team"] = "payments",
                [GoToCopyService.SourceTag] = Arn(source),
                [GoToCopyService.DefinitionTag] = HashOf(source),
            });

        /// <summary>
        /// Orders-goto ran three days ago and runs now; Billing-goto never ran; Events-goto is Express. Legacy-goto
        /// is only named like a copy, and Shipping carries a source tag (as IaC might copy it) but not a copy's name.
        /// </summary>
        private void AddAccount()
        {
            AddCopy("Orders", Now.AddDays(-30));
            server.AddExecution("Orders-goto", "run-1-r1-aaaa", Now.AddDays(-3), Now.AddDays(-3).AddMinutes(5), Array.Empty<string>(), status: "SUCCEEDED");
            server.AddExecution("Orders-goto", "run-2-r1-bbbb", Now.AddHours(-1), null, Array.Empty<string>(), status: "RUNNING");
            AddCopy("Billing", Now.AddDays(-20));
            AddCopy("Events", Now.AddDays(-10), type: "EXPRESS");
            server.AddMachine("Legacy-goto", OrdersMachine.Definition, Now.AddDays(-5));
            server.AddMachine("Shipping", OrdersMachine.Definition, Now.AddDays(-5), tags: new Dictionary<string, string> { [GoToCopyService.SourceTag] = Arn("Orders") });
        }

        private PowerShellResult Run(string script, Func<RecordedRequest, LoopbackResponse>? handler = null, params (string Name, object? Value)[] variables)
        {
            endpoint ??= new LoopbackEndpoint(handler ?? server.Handle);
            var all = variables.ToDictionary(v => v.Name, v => v.Value);
            all["endpoint"] = endpoint.Url;
            return session.Run(Defaults + script, all);
        }

        private const string Defaults = @"
            foreach ($command in 'Get-SfnGoToStateMachine', 'Remove-SfnGoToStateMachine', 'New-SfnGoToStateMachine') {
                $PSDefaultParameterValues[""${command}:EndpointUrl""] = $endpoint
                $PSDefaultParameterValues[""${command}:Region""] = 'eu-west-1'
                $PSDefaultParameterValues[""${command}:AccessKey""] = 'AKIDEXAMPLE'
                $PSDefaultParameterValues[""${command}:SecretKey""] = 'secret'
            }
            ";

        private static T Property<T>(PSObject item, string name) => (T)item.Properties[name].Value;

        private static PSObject Named(PowerShellResult result, string name) => result.Output.Single(o => Property<string>(o, "StateMachineName") == name);

        private static ErrorRecord ErrorFor(PowerShellResult result, string arn) => result.Errors.Single(e => Equals(e.TargetObject, arn));

        [Fact]
        public void Get_lists_only_the_tagged_copies_with_their_source_hash_dates_and_running_executions()
        {
            AddAccount();
            server.ListPageSize = 3;

            var result = Run($"{Copies} -Verbose");

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "Orders-goto", "Billing-goto", "Events-goto" }, result.Output.Select(o => Property<string>(o, "StateMachineName")));
            Assert.All(result.Output, o => Assert.Equal("SfnResume.GoToCopy", o.TypeNames[0]));

            var orders = Named(result, "Orders-goto");
            Assert.Equal(Arn("Orders-goto"), Property<string>(orders, "StateMachineArn"));
            Assert.Equal(Arn("Orders"), Property<string>(orders, "SourceStateMachineArn"));
            Assert.Equal(HashOf("Orders"), Property<string>(orders, "DefinitionSha256"));
            Assert.Equal("STANDARD", Property<string>(orders, "Type"));
            Assert.Equal(Now.AddDays(-30), Property<DateTime>(orders, "CreationDate"), TimeSpan.FromSeconds(1));
            Assert.Equal(Now.AddHours(-1), Property<DateTime?>(orders, "LastStartDate")!.Value, TimeSpan.FromSeconds(1));
            Assert.Equal(1, Property<int?>(orders, "RunningExecutions"));
            Assert.Equal("Running", Property<string>(orders, "Status"));

            var billing = Named(result, "Billing-goto");
            Assert.Null(Property<DateTime?>(billing, "LastStartDate"));
            Assert.Equal(0, Property<int?>(billing, "RunningExecutions"));
            Assert.Equal("Idle", Property<string>(billing, "Status"));
            Assert.Null(Property<string?>(billing, "Note"));

            var events = Named(result, "Events-goto");
            Assert.Null(Property<int?>(events, "RunningExecutions"));
            Assert.Equal("Unknown", Property<string>(events, "Status"));
            Assert.Contains("lists no Express executions", Property<string>(events, "Note"), StringComparison.Ordinal);

            // Eight machines on three pages; tags are read only for the four named like a copy.
            Assert.Equal(3, endpoint!.Count("ListStateMachines"));
            Assert.Equal(4, endpoint.Count("ListTagsForResource"));
            Assert.Contains(result.Verbose, v => v.Contains("'Legacy-goto' is not a GoTo copy made by SfnResume: it carries no sfnresume:source tag", StringComparison.Ordinal));
            Assert.Contains(result.Progress, p => p.StatusDescription == "8 state machines read, 3 GoTo copies found");
        }

        [Fact]
        public void A_copy_New_SfnGoToStateMachine_made_is_listed_with_the_hash_of_the_definition_it_copied()
        {
            var made = Run($"New-SfnGoToStateMachine -StateMachineArn '{Arn("Orders")}' -StateName Charge | Out-Null; {Copies} -SourceStateMachineArn '{Arn("Orders")}'");

            Assert.Empty(made.Errors);
            var copy = made.Output.Single();
            Assert.Equal("Orders-goto", Property<string>(copy, "StateMachineName"));
            Assert.Equal(Arn("Orders"), Property<string>(copy, "SourceStateMachineArn"));
            Assert.Equal(HashOf(OrdersMachine.Definition), Property<string>(copy, "DefinitionSha256"));
            Assert.Equal("Idle", Property<string>(copy, "Status"));
            Assert.Null(Property<DateTime?>(copy, "LastStartDate"));
            Assert.Equal(0, endpoint!.Count("ListStateMachines"));
        }

        [Fact]
        public void Get_reads_only_the_copies_of_the_state_machines_piped_in_without_listing_the_account()
        {
            AddAccount();
            var listed = new[] { "Orders", "Billing", "Refunds" }.Select(name =>
            {
                var item = new PSObject();
                item.Properties.Add(new PSNoteProperty("StateMachineArn", Arn(name)));
                item.Properties.Add(new PSNoteProperty("Name", name));
                return item;
            }).ToArray();

            var result = Run($"$listed | {Copies} -Verbose", variables: ("listed", listed));

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "Orders-goto", "Billing-goto" }, result.Output.Select(o => Property<string>(o, "StateMachineName")));
            Assert.Equal(0, endpoint!.Count("ListStateMachines"));
            Assert.Equal(3, endpoint.Count("ListTagsForResource"));
            Assert.Contains(result.Verbose, v => v.Contains($"'{Arn("Refunds")}' has no GoTo copy", StringComparison.Ordinal));
        }

        [Fact]
        public void A_copy_named_as_the_source_is_told_apart_and_the_operator_is_given_its_source()
        {
            AddAccount();

            var result = Run($"{Copies} -SourceStateMachineArn '{Arn("Orders-goto")}'");

            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            var warning = Assert.Single(result.Warnings);
            Assert.Contains($"'{Arn("Orders-goto")}' is named as a GoTo copy is", warning, StringComparison.Ordinal);
            Assert.Contains($"Get-SfnGoToStateMachine -SourceStateMachineArn '{Arn("Orders")}'", warning, StringComparison.Ordinal);
        }

        [Fact]
        public void Get_then_Remove_through_the_pipeline_deletes_the_idle_copies_and_keeps_those_that_may_run()
        {
            AddAccount();
            AddCopy("Refunds", Now.AddDays(-60));
            server.AddExecution("Refunds-goto", "run-9-r1-cccc", Now.AddDays(-50), Now.AddDays(-50).AddMinutes(1), Array.Empty<string>(), status: "SUCCEEDED");

            var result = Run($"{Copies} | {Remove} -Force");

            Assert.Equal(new[] { Arn("Billing-goto"), Arn("Refunds-goto") }, server.Deleted);
            Assert.Equal(new[] { "Billing-goto", "Refunds-goto" }, result.Output.Select(o => Property<string>(o, "StateMachineName")));
            Assert.All(result.Output, o => Assert.Equal("Deleted", Property<string>(o, "Status")));
            Assert.Equal(Now.AddDays(-50), Property<DateTime?>(Named(result, "Refunds-goto"), "LastStartDate")!.Value, TimeSpan.FromSeconds(1));

            // Kept: the copy a resume still runs on, and the Express copy whose runs cannot be counted.
            Assert.Equal(2, result.Errors.Count);
            var running = ErrorFor(result, Arn("Orders-goto"));
            Assert.Equal("CopyHasRunningExecutions" + RemoveId, running.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceBusy, running.CategoryInfo.Category);
            Assert.Contains("'Orders-goto' was kept: it has 1 running execution, and deleting it would stop them", running.ErrorDetails.Message, StringComparison.Ordinal);
            Assert.Contains("-IncludeRunning", running.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
            var express = ErrorFor(result, Arn("Events-goto"));
            Assert.Equal("CopyRunningExecutionsUnknown" + RemoveId, express.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceBusy, express.CategoryInfo.Category);
            Assert.True(server.HasMachine("Orders-goto"));
            Assert.True(server.HasMachine("Events-goto"));
            Assert.Equal("RUNNING", server.StatusOf(Arn("Orders-goto").Replace(":stateMachine:", ":execution:") + ":run-2-r1-bbbb"));
            Assert.All(new[] { "Orders", "Billing", "Events", "Legacy-goto", "Shipping" }, name => Assert.True(server.HasMachine(name), name));
        }

        [Fact]
        public void IncludeRunning_deletes_a_copy_with_a_running_execution_and_says_what_AWS_stops()
        {
            AddAccount();

            var result = Run($"{Remove} '{Arn("Orders-goto")}', '{Arn("Events-goto")}' -IncludeRunning -Force");

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { Arn("Orders-goto"), Arn("Events-goto") }, server.Deleted);
            var orders = Named(result, "Orders-goto");
            Assert.Equal("Deleted", Property<string>(orders, "Status"));
            Assert.Equal(1, Property<int?>(orders, "RunningExecutions"));
            Assert.Equal("AWS stops its 1 running execution at their next state transition and deletes it once they have ended.", Property<string>(orders, "Note"));
            Assert.Equal("ABORTED", server.StatusOf(Arn("Orders-goto").Replace(":stateMachine:", ":execution:") + ":run-2-r1-bbbb"));
            Assert.Contains("eventually", Property<string>(Named(result, "Events-goto"), "Note"), StringComparison.Ordinal);
        }

        [Fact]
        public void A_state_machine_that_is_not_an_SfnResume_copy_is_refused_and_nothing_is_deleted()
        {
            AddAccount();

            // A production machine, one only named like a copy, one with a copied tag, and an execution list item
            // of production (its StateMachineArn binds): all piped with -IncludeRunning -Force.
            var executionItem = new PSObject();
            executionItem.Properties.Add(new PSNoteProperty("ExecutionArn", Arn("Billing").Replace(":stateMachine:", ":execution:") + ":run-1"));
            executionItem.Properties.Add(new PSNoteProperty("StateMachineArn", Arn("Billing")));
            var result = Run($"'{Arn("Orders")}', '{Arn("Legacy-goto")}', '{Arn("Shipping")}', $item | {Remove} -IncludeRunning -Force", variables: ("item", executionItem));

            Assert.Empty(server.Deleted);
            Assert.Equal(0, endpoint!.Count("DeleteStateMachine"));
            Assert.Empty(result.Output);
            Assert.Equal(new[] { Arn("Orders"), Arn("Legacy-goto"), Arn("Shipping"), Arn("Billing") }, result.Errors.Select(e => e.TargetObject));
            Assert.All(result.Errors, e =>
            {
                Assert.Equal("NotAGoToCopy" + RemoveId, e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
                Assert.Contains("SfnResume deletes only the copies it made, and nothing was deleted.", e.ErrorDetails.Message, StringComparison.Ordinal);
            });
            Assert.Contains("'Orders' is not a GoTo copy made by SfnResume: it carries no sfnresume:source tag.", result.Errors[0].ErrorDetails.Message, StringComparison.Ordinal);
            Assert.Contains($"Get-SfnGoToStateMachine -SourceStateMachineArn '{Arn("Orders")}'", result.Errors[0].ErrorDetails.RecommendedAction, StringComparison.Ordinal);
            Assert.Contains($"its sfnresume:source tag names '{Arn("Orders")}', whose copy SfnResume names 'Orders-goto'", result.Errors[2].ErrorDetails.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void WhatIf_deletes_nothing_and_still_says_which_copies_would_be_kept()
        {
            AddAccount();

            var result = Run($"{Copies} | {Remove} -WhatIf; {Copies} | {Remove} -WhatIf -Force");

            Assert.Equal(0, endpoint!.Count("DeleteStateMachine"));
            Assert.Empty(result.Output);
            Assert.Equal(new[] { Arn("Orders-goto"), Arn("Events-goto"), Arn("Orders-goto"), Arn("Events-goto") }, result.Errors.Select(e => e.TargetObject));
            Assert.True(server.HasMachine("Billing-goto"));
        }

        [Fact]
        public void Each_copy_is_confirmed_naming_its_source_and_last_start_and_No_deletes_nothing()
        {
            AddAccount();
            var host = new AnsweringHost();
            using var asking = new PowerShellSession(host: host);
            endpoint = new LoopbackEndpoint(server.Handle);

            var result = asking.Run(Defaults + $"{Remove} '{Arn("Billing-goto")}'", new Dictionary<string, object?> { ["endpoint"] = endpoint.Url });

            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.Empty(server.Deleted);
            var prompt = Assert.Single(host.Prompts);
            Assert.Contains("Delete the GoTo copy 'Billing-goto' of 'Billing' (never started), no execution running", prompt, StringComparison.Ordinal);
            Assert.Contains(Arn("Billing-goto"), prompt, StringComparison.Ordinal);
        }

        [Fact]
        public void A_copy_on_which_a_run_started_after_the_check_is_kept()
        {
            AddAccount();
            AddCopy("Refunds", Now.AddDays(-60));
            server.AddExecution("Refunds-goto", "run-9-r1-cccc", Now.AddDays(-50), Now.AddDays(-50).AddMinutes(1), Array.Empty<string>(), status: "SUCCEEDED");

            // The check reads the newest run and counts none running; then (while the user is asked) a resume
            // starts on the copy, and the count made right before the deletion finds it.
            var lists = 0;
            LoopbackResponse Handler(RecordedRequest request)
            {
                var answer = server.Handle(request);
                if (request.Operation == "ListExecutions" && ++lists == 2)
                {
                    server.AddExecution("Refunds-goto", "run-10-r1-dddd", Now, null, Array.Empty<string>(), status: "RUNNING");
                }

                return answer;
            }

            var result = Run($"{Remove} '{Arn("Refunds-goto")}' -Force", Handler);

            Assert.Equal(3, endpoint!.Count("ListExecutions"));
            Assert.Empty(server.Deleted);
            Assert.Empty(result.Output);
            Assert.Equal("CopyHasRunningExecutions" + RemoveId, result.Errors.Single().FullyQualifiedErrorId);
        }

        [Fact]
        public void A_copy_AWS_is_deleting_already_is_listed_as_Deleting_and_not_deleted_again()
        {
            AddAccount();
            server.MarkDeleting("Orders-goto");

            var result = Run($"{Copies} -SourceStateMachineArn '{Arn("Orders")}' | {Remove} -Verbose");

            Assert.Empty(result.Errors);
            var copy = result.Output.Single();
            Assert.Equal("Deleting", Property<string>(copy, "Status"));
            Assert.Equal(1, Property<int?>(copy, "RunningExecutions"));
            Assert.StartsWith("AWS is deleting it: it goes once its executions have ended.", Property<string>(copy, "Note"), StringComparison.Ordinal);
            Assert.Equal(0, endpoint!.Count("DeleteStateMachine"));
            Assert.Contains(result.Verbose, v => v == "'Orders-goto' is being deleted already: nothing was sent.");
        }

        [Fact]
        public void A_throttled_tag_request_is_repeated_and_the_copy_still_listed()
        {
            AddAccount();
            var throttled = 0;
            LoopbackResponse Handler(RecordedRequest request)
            {
                if (request.Operation == "ListTagsForResource" && Interlocked.Increment(ref throttled) == 1)
                {
                    return LoopbackResponse.Error("ThrottlingException", "Rate exceeded");
                }

                return server.Handle(request);
            }

            var result = Run($"{Copies} -Verbose", Handler);

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "Orders-goto", "Billing-goto", "Events-goto" }, result.Output.Select(o => Property<string>(o, "StateMachineName")));
            Assert.Equal(5, endpoint!.Count("ListTagsForResource"));
            Assert.Contains(result.Verbose, v => v.StartsWith("1 call(s) were throttled", StringComparison.Ordinal));
        }

        [Fact]
        public void Stop_ends_the_listing_while_a_request_is_unanswered_and_nothing_more_is_asked()
        {
            AddAccount();
            using var held = new ManualResetEventSlim();
            using var release = new ManualResetEventSlim();
            var answeredHeld = false;
            LoopbackResponse Handler(RecordedRequest request)
            {
                if (request.Operation == "ListTagsForResource" && request.Body.Contains("Billing-goto", StringComparison.Ordinal))
                {
                    held.Set();
                    release.Wait(TimeSpan.FromSeconds(60));
                    answeredHeld = true;
                }

                return server.Handle(request);
            }

            endpoint = new LoopbackEndpoint(Handler);
            using var shell = session.CreateShell();
            session.Run("$null", new Dictionary<string, object?> { ["endpoint"] = endpoint.Url });
            shell.AddScript(Defaults + Copies);
            var output = new PSDataCollection<PSObject>();
            shell.BeginInvoke<PSObject, PSObject>(null, output);
            Assert.True(held.Wait(TimeSpan.FromSeconds(60)), "the listing never reached Billing-goto");
            var requestsBefore = endpoint.Requests.Count;

            shell.Stop();
            var stoppedWhileHeld = !Volatile.Read(ref answeredHeld);
            release.Set();

            Assert.True(stoppedWhileHeld, "Stop waited for the unanswered request");
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.Equal("Orders-goto", Property<string>(output.Single(), "StateMachineName"));
            Assert.Equal(requestsBefore, endpoint.Requests.Count);
        }
    }
}
