using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using SfnResume.ResumeReady;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// A state machine deployed with its resume-ready definition is resumed on itself: no copy is created or
    /// updated, so no CreateStateMachine, no UpdateStateMachine and no iam:PassRole (which only those calls
    /// need), counted at the endpoint; an execution that ran a published version resumes on that version.
    /// </summary>
    public sealed class ResumeOnMachineTests : IDisposable
    {
        private static readonly DateTime Now = DateTime.UtcNow;
        private static readonly string MachineArn = RedriveServer.MachineArn("Orders");

        private readonly RedriveServer server = new RedriveServer();
        private readonly LoopbackEndpoint endpoint;
        private readonly PowerShellSession session = new PowerShellSession();

        public ResumeOnMachineTests()
        {
            server.AddMachine("Orders", ResumeReadyDefinitions.Make(OrdersMachine.Definition), Now.AddDays(-400));
            endpoint = new LoopbackEndpoint(server.Handle);
        }

        public void Dispose()
        {
            session.Dispose();
            endpoint.Dispose();
        }

        /// <summary>An ordinary run of the resume-ready machine: its entry Choice first, then the original's path, failing at Charge.</summary>
        private static IReadOnlyList<string> FailedAtChargeOnResumeReady()
        {
            var history = new HistoryBuilder();
            var started = history.Started(OrdersMachine.RecordedInput);
            var entry = history.Exited("Choice", "GoToState", OrdersMachine.RecordedInput, history.Entered("Choice", "GoToState", OrdersMachine.RecordedInput, started));
            var prepared = history.Pass("Prepare", OrdersMachine.RecordedInput, entry);
            var failed = history.FailingTask("Charge", OrdersMachine.RecordedInput, prepared, "Lambda.ServiceException");
            history.Failed(failed, "Lambda.ServiceException", "boom");
            return history.Events;
        }

        private string FailedLongAgo(string name, int? version = null)
            => server.AddExecution("Orders", name, Now.AddDays(-21), Now.AddDays(-20), FailedAtChargeOnResumeReady(), redriveStatus: null, version: version);

        private PowerShellResult Run(string script, params (string Name, object? Value)[] variables)
        {
            var all = variables.ToDictionary(v => v.Name, v => v.Value);
            all["endpoint"] = endpoint.Url;
            return session.Run(@"
                foreach ($command in 'Invoke-SfnRedrive', 'Test-SfnRedrive', 'Get-SfnFailurePoint', 'New-SfnGoToStateMachine', 'Start-SfnGoToExecution') {
                    $PSDefaultParameterValues[""${command}:EndpointUrl""] = $endpoint
                    $PSDefaultParameterValues[""${command}:Region""] = 'eu-west-1'
                    $PSDefaultParameterValues[""${command}:AccessKey""] = 'AKIDEXAMPLE'
                    $PSDefaultParameterValues[""${command}:SecretKey""] = 'secret'
                }
                " + script, all);
        }

        private static T Property<T>(PSObject item, string name) => (T)item.Properties[name].Value;

        private int CopyCalls => endpoint.Count("CreateStateMachine") + endpoint.Count("UpdateStateMachine");

        /// <summary>The StartExecution requests: the ARN each started, and the resuming state and input it was given.</summary>
        private List<(string StateMachineArn, string State, string Input)> Starts() => endpoint.Requests.Where(r => r.Operation == "StartExecution").Select(r =>
        {
            using var body = JsonDocument.Parse(r.Body);
            using var input = JsonDocument.Parse(body.RootElement.GetProperty("input").GetString()!);
            var resuming = input.RootElement.GetProperty("resuming");
            return (body.RootElement.GetProperty("stateMachineArn").GetString()!, resuming.GetProperty("state").GetString()!, resuming.GetProperty("input").GetRawText());
        }).ToList();

        [Fact]
        public void Invoke_SfnRedrive_resumes_on_the_machine_itself_with_no_copy_and_Test_SfnRedrive_says_OnMachine()
        {
            var arn = FailedLongAgo("order-7");

            var plan = Run("Test-SfnRedrive $arn", ("arn", arn));
            var done = Run("Invoke-SfnRedrive $arn -Force", ("arn", arn));
            var again = Run("Invoke-SfnRedrive $arn -Force", ("arn", arn));

            Assert.Empty(plan.Errors);
            Assert.Equal("OnMachine", Property<string>(plan.Output.Single(), "Method"));
            Assert.Equal(MachineArn, Property<string>(plan.Output.Single(), "StateMachineArn"));
            Assert.Empty(done.Errors);
            var result = done.Output.Single();
            Assert.Equal(("OnMachine", "Started", MachineArn), (Property<string>(result, "Method"), Property<string>(result, "Status"), Property<string>(result, "StateMachineArn")));
            Assert.StartsWith($"{RedriveServer.Account}:execution:Orders:order-7-r1-", Property<string>(result, "ResumedExecutionArn"));
            Assert.Equal((MachineArn, "Charge", OrdersMachine.RecordedInput), Assert.Single(Starts()));
            Assert.Equal(0, CopyCalls);

            // Run again, the resume is found on the machine under its own name: nothing more starts.
            Assert.Equal("AlreadyResumed", Property<string>(again.Output.Single(), "Status"));
            Assert.Single(Starts());
            Assert.Equal(0, CopyCalls);
        }

        [Fact]
        public void An_execution_that_ran_a_published_version_resumes_on_that_version()
        {
            var version = server.PublishVersion("Orders");
            var arn = FailedLongAgo("order-8", version: 1);
            var changed = OrdersMachine.Definition.Replace("\"Prepare\": { \"Type\": \"Pass\",", "\"Prepare\": { \"Type\": \"Pass\", \"Comment\": \"changed since\",", StringComparison.Ordinal);
            Assert.NotEqual(OrdersMachine.Definition, changed);
            server.UpdateMachine("Orders", ResumeReadyDefinitions.Make(changed), Now.AddDays(-1));

            var done = Run("Invoke-SfnRedrive $arn -Force", ("arn", arn));

            Assert.Empty(done.Errors);
            Assert.Equal(version, Property<string>(done.Output.Single(), "StateMachineArn"));
            Assert.Equal((version, "Charge", OrdersMachine.RecordedInput), Assert.Single(Starts()));
            Assert.Equal(0, CopyCalls);
        }

        [Fact]
        public void New_SfnGoToStateMachine_names_the_version_an_execution_ran_when_the_machine_changed_since()
        {
            var version = server.PublishVersion("Orders");
            var arn = FailedLongAgo("order-11", version: 1);
            var changed = OrdersMachine.Definition.Replace("\"Done\": { \"Type\": \"Succeed\" }", "\"Done\": { \"Type\": \"Succeed\", \"Comment\": \"changed since\" }", StringComparison.Ordinal);
            Assert.NotEqual(OrdersMachine.Definition, changed);
            server.UpdateMachine("Orders", ResumeReadyDefinitions.Make(changed), Now.AddDays(-1));

            var result = Run("Get-SfnFailurePoint $arn | New-SfnGoToStateMachine | Start-SfnGoToExecution", ("arn", arn));

            Assert.Empty(result.Errors);
            Assert.Equal((version, "Charge", OrdersMachine.RecordedInput), Assert.Single(Starts()));
            Assert.Equal(0, CopyCalls);
        }

        [Fact]
        public void New_SfnGoToStateMachine_names_the_machine_itself_and_Start_SfnGoToExecution_starts_the_resume_there()
        {
            var arn = FailedLongAgo("order-9");

            var result = Run("Get-SfnFailurePoint $arn | New-SfnGoToStateMachine | Start-SfnGoToExecution", ("arn", arn));

            Assert.Empty(result.Errors);
            Assert.Equal(MachineArn, Property<string>(result.Output.Single(), "StateMachineArn"));
            Assert.Equal((MachineArn, "Charge", OrdersMachine.RecordedInput), Assert.Single(Starts()));
            Assert.Equal(0, CopyCalls);
        }

        [Fact]
        public void A_machine_whose_resume_ready_definition_was_edited_by_hand_is_resumed_through_a_copy_as_before()
        {
            var edited = ResumeReadyDefinitions.Make(OrdersMachine.Definition).Replace("Added by SfnResume: goes to the top-level state", "Added by SfnResume (edited): goes to the top-level state", StringComparison.Ordinal);
            server.UpdateMachine("Orders", edited, Now.AddDays(-300));
            var arn = FailedLongAgo("order-10");

            var done = Run("Invoke-SfnRedrive $arn -Force", ("arn", arn));

            Assert.Empty(done.Errors);
            Assert.Equal("GoTo", Property<string>(done.Output.Single(), "Method"));
            Assert.Equal(1, endpoint.Count("CreateStateMachine"));
        }
    }
}
