using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// An error's recommendation is a command the user will type next: each one here is followed, as written
    /// (its placeholders filled with the user's own values), against a loopback Step Functions, and must work.
    /// </summary>
    public sealed class AdviceTests : IDisposable
    {
        private static readonly DateTime Now = DateTime.UtcNow;

        private readonly RedriveServer server = new RedriveServer();
        private readonly LoopbackEndpoint endpoint;
        private readonly PowerShellSession session = new PowerShellSession();
        private readonly TempFolder folder = new TempFolder();
        private readonly string machineArn;
        private readonly string executionArn;

        public AdviceTests()
        {
            machineArn = server.AddMachine("Orders", OrdersMachine.Definition, Now.AddDays(-400));
            executionArn = server.AddExecution("Orders", "run-7", Now.AddDays(-1).AddHours(-1), Now.AddDays(-1), OrdersMachine.FailedAtCharge());
            endpoint = new LoopbackEndpoint(server.Handle);
        }

        public void Dispose()
        {
            session.Dispose();
            endpoint.Dispose();
            folder.Dispose();
        }

        private PowerShellResult Run(string script)
        {
            return session.Run(@"
                foreach ($command in 'Get-SfnFailurePoint', 'New-SfnGoToStateMachine', 'Start-SfnGoToExecution', 'Test-SfnRedrive', 'Invoke-SfnRedrive', 'Save-SfnExecutionHistory') {
                    $PSDefaultParameterValues[""${command}:EndpointUrl""] = $endpoint
                    $PSDefaultParameterValues[""${command}:Region""] = 'eu-west-1'
                    $PSDefaultParameterValues[""${command}:AccessKey""] = 'AKIDEXAMPLE'
                    $PSDefaultParameterValues[""${command}:SecretKey""] = 'secret'
                }
                " + script,
                new Dictionary<string, object?> { ["endpoint"] = endpoint.Url, ["machineArn"] = machineArn, ["executionArn"] = executionArn, ["history"] = Path.Combine(folder.FullName, "run-7.json") });
        }

        /// <summary>The command a recommendation names: what follows its first ": " up to the end or the next "; ", without a final period.</summary>
        private static string CommandIn(string recommendation)
        {
            var command = recommendation.Substring(recommendation.IndexOf(": ", StringComparison.Ordinal) + 2);
            var end = command.IndexOf("; ", StringComparison.Ordinal);
            return (end < 0 ? command : command.Substring(0, end)).TrimEnd('.');
        }

        private static T Property<T>(PSObject item, string name) => (T)item.Properties[name].Value;

        [Fact]
        public void An_execution_ARN_given_as_the_state_machine_is_said_to_be_one_and_the_way_it_names_resumes_it()
        {
            // By position the ARN binds as -StateMachineArn; without -StateName PowerShell prompted, or failed a
            // non-interactive run with "missing mandatory parameters", and never said what to do.
            var refused = Run("New-SfnGoToStateMachine $executionArn");

            var error = Assert.Single(refused.Errors);
            Assert.Equal("InvalidStateMachineArn,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(executionArn, error.TargetObject);
            Assert.Contains("is an execution's ARN, not a state machine's", error.ToString());
            Assert.Empty(endpoint.Requests);

            var followed = Run(CommandIn(error.ErrorDetails.RecommendedAction));

            Assert.Empty(followed.Errors);
            var started = Assert.Single(followed.Output);
            Assert.Equal("SfnResume.StartedExecution", started.BaseObject.GetType().FullName);
            var run = Assert.Single(server.Started);
            Assert.Contains("\"state\":\"Charge\"", run.Input);
            Assert.Contains(OrdersMachine.RecordedInput, run.Input);
        }

        [Fact]
        public void A_state_machine_without_StateName_is_a_clear_error_before_any_request_and_its_advice_runs()
        {
            var refused = Run("New-SfnGoToStateMachine -StateMachineArn $machineArn");

            var error = Assert.Single(refused.Errors);
            Assert.Equal("NoResumeState,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand", error.FullyQualifiedErrorId);
            Assert.Equal(machineArn, error.TargetObject);
            Assert.Contains("No state to resume at was named", error.ToString());
            Assert.Contains("Pass -StateName", error.ErrorDetails.RecommendedAction);
            Assert.Empty(endpoint.Requests);

            var followed = Run(CommandIn(error.ErrorDetails.RecommendedAction).Replace("<execution ARN>", "$executionArn"));

            Assert.Empty(followed.Errors);
            Assert.Equal("Charge", Property<string>(Assert.Single(followed.Output), "ResumeState"));
        }

        [Theory]
        [InlineData("Test-SfnRedrive")]
        [InlineData("Invoke-SfnRedrive -Force")]
        [InlineData("New-SfnGoToStateMachine")]
        public void A_failure_point_from_a_saved_history_is_resumed_on_the_state_machine_the_advice_names(string command)
        {
            var saved = Run("Save-SfnExecutionHistory $executionArn -Path $history | Out-Null; $point = Get-SfnFailurePoint -Path $history; $point | " + command);

            var error = Assert.Single(saved.Errors);
            Assert.StartsWith("FailurePointWithoutExecution,", error.FullyQualifiedErrorId);
            var advice = error.ErrorDetails.RecommendedAction;
            Assert.Contains("New-SfnGoToStateMachine -StateMachineArn <state machine ARN>", advice);
            Assert.Empty(server.Started);

            // "Pipe it to New-SfnGoToStateMachine -StateMachineArn <state machine ARN> ... and start the copy with Start-SfnGoToExecution".
            var followed = Run("$point = Get-SfnFailurePoint -Path $history; $point | New-SfnGoToStateMachine -StateMachineArn $machineArn | Start-SfnGoToExecution");

            Assert.Empty(followed.Errors);
            Assert.Equal("SfnResume.StartedExecution", Assert.Single(followed.Output).BaseObject.GetType().FullName);
            var run = Assert.Single(server.Started);
            Assert.StartsWith(RedriveServer.MachineArn("Orders-goto"), run.StateMachineArn, StringComparison.Ordinal);
            Assert.Contains("\"state\":\"Charge\"", run.Input);
            Assert.Contains(OrdersMachine.RecordedInput, run.Input);

            // Never silent: no run name comes from a point that names no execution, so a second start starts a second run.
            Assert.Contains(followed.Warnings, w => w.Contains("names no execution, so the resumed run gets no name", StringComparison.Ordinal));
        }

        [Fact]
        public void A_failure_point_from_AWS_refuses_another_state_machine()
        {
            var other = server.AddMachine("Billing", OrdersMachine.Definition, Now.AddDays(-10));

            var result = Run($"Get-SfnFailurePoint $executionArn | New-SfnGoToStateMachine -StateMachineArn '{other}'");

            var error = Assert.Single(result.Errors);
            Assert.Equal("ConflictingStateMachineArn,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand", error.FullyQualifiedErrorId);
            Assert.Equal(other, error.TargetObject);
            Assert.Contains("Leave out -StateMachineArn", error.ErrorDetails.RecommendedAction);
            Assert.Equal(0, endpoint.Count("CreateStateMachine"));
        }
    }
}
