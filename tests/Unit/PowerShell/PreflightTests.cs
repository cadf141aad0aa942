using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using SfnResume.Preflight;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// Test-SfnRedrive -Preflight and Invoke-SfnRedrive -Preflight in a hosted engine, against a loopback Step
    /// Functions that keeps execution state and answers TestState as AWS's recorded answers show. The 2017
    /// example's state machine has since been "fixed" to hand its second Parallel a <c>foo</c> from its input,
    /// which the recorded input lacks.
    /// </summary>
    public sealed class PreflightTests : IDisposable
    {
        private static readonly DateTime Now = DateTime.UtcNow;
        private static readonly DateTime Ran2017 = new DateTime(2017, 8, 26, 5, 25, 0, DateTimeKind.Utc);

        private readonly RedriveServer server = new RedriveServer();
        private readonly TestStateServer testState = new TestStateServer();
        private readonly PowerShellSession session = new PowerShellSession();
        private readonly string fixedDefinition = SeedMachine.FixedDefinitionReadingFoo();
        private readonly string sample;

        public PreflightTests()
        {
            server.AddMachine("ParallelStateMachine", SeedMachine.Definition, Ran2017.AddDays(-1));
            server.UpdateMachine("ParallelStateMachine", fixedDefinition, Now.AddDays(-1));
            sample = server.AddExecution("ParallelStateMachine", "sample", Ran2017, Ran2017.AddMinutes(1), SeedMachine.Events(), redriveStatus: null);
            server.AddMachine("Orders", OrdersMachine.Definition, Now.AddDays(-400));
        }

        public void Dispose() => session.Dispose();

        private const string Connection = "-EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret";

        private static PSObject Single(PowerShellResult result, string arn) => result.Output.Single(o => (string)o.Properties["ExecutionArn"].Value == arn);

        private static PreflightOutcome PreflightOf(PSObject row) => Assert.IsType<PreflightOutcome>(row.Properties["Preflight"].Value);

        private static IReadOnlyList<JsonElement> TestStateRequests(LoopbackEndpoint endpoint)
            => endpoint.Requests.Where(r => r.Operation == "TestState").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();

        private static int Changes(LoopbackEndpoint endpoint)
            => endpoint.Count("RedriveExecution") + endpoint.Count("CreateStateMachine") + endpoint.Count("UpdateStateMachine") + endpoint.Count("StartExecution");

        [Fact]
        public void The_2017_examples_missing_foo_is_Failed_on_the_recorded_input_and_Passed_once_the_input_is_corrected()
        {
            using var endpoint = new LoopbackEndpoint(testState.Wrap(server.Handle));
            var variables = new Dictionary<string, object?> { ["arn"] = sample, ["endpoint"] = endpoint.Url, ["corrected"] = SeedMachine.CorrectedInput };

            var before = session.Run($"Test-SfnRedrive $arn -Preflight {Connection}", variables);
            var after = session.Run($"$point = Get-SfnFailurePoint $arn {Connection}; $point.ResumeInput = $corrected; $point | Test-SfnRedrive -Preflight {Connection}", variables);

            Assert.Empty(before.Errors.Concat(after.Errors));
            var planned = Single(before, sample);
            Assert.Equal(("GoTo", "Planned", "Parallel 2"), ((string)planned.Properties["Method"].Value, (string)planned.Properties["Status"].Value, (string)planned.Properties["ResumeState"].Value));
            Assert.Equal("SfnResume.RedriveResult#Preflight", planned.TypeNames[0]);
            var failed = PreflightOf(planned);
            Assert.Equal(PreflightStatus.Failed, failed.Status);
            Assert.Equal("States.Runtime", failed.Error);
            Assert.Equal($"The JSONPath '$.foo' specified for the field 'foo.$' could not be found in the input '{SeedMachine.RecordedInput}'", failed.Cause);
            Assert.Equal(PreflightStatus.Passed, PreflightOf(Single(after, sample)).Status);

            // TestState ran 'Parallel 2' of the current definition on each input, its branches mocked: nothing was
            // invoked, no role was needed, and nothing changed.
            var asked = TestStateRequests(endpoint);
            Assert.Equal(2, asked.Count);
            Assert.All(asked, a =>
            {
                Assert.Equal("Parallel 2", a.GetProperty("stateName").GetString());
                Assert.Equal(fixedDefinition, a.GetProperty("definition").GetString());
                Assert.Equal("[{},{}]", a.GetProperty("mock").GetProperty("result").GetString());
                Assert.False(a.TryGetProperty("roleArn", out _));
            });
            Assert.Equal(SeedMachine.CorrectedInput, asked[1].GetProperty("input").GetString());
            Assert.Equal(0, Changes(endpoint));
        }

        [Fact]
        public void Invoke_with_Preflight_refuses_the_resume_that_would_fail_again_and_makes_the_corrected_one()
        {
            using var endpoint = new LoopbackEndpoint(testState.Wrap(server.Handle));
            var variables = new Dictionary<string, object?> { ["arn"] = sample, ["endpoint"] = endpoint.Url, ["corrected"] = SeedMachine.CorrectedInput };

            var refused = session.Run($"Invoke-SfnRedrive $arn -Preflight -Force {Connection}", variables);

            Assert.Empty(refused.Output);
            var error = Assert.Single(refused.Errors);
            Assert.Equal("PreflightFailed,SfnResume.PowerShell.Commands.InvokeSfnRedriveCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Equal(sample, error.TargetObject);
            Assert.Contains("'sample' was not resumed", error.ErrorDetails!.Message, StringComparison.Ordinal);
            Assert.Contains("'Parallel 2' fails on the input it would be given: States.Runtime: The JSONPath '$.foo'", error.ErrorDetails.Message, StringComparison.Ordinal);
            Assert.Contains("$point.ResumeInput", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
            Assert.Equal(0, Changes(endpoint));

            var resumed = session.Run($"$point = Get-SfnFailurePoint $arn {Connection}; $point.ResumeInput = $corrected; $point | Invoke-SfnRedrive -Preflight -Force {Connection}", variables);

            Assert.Empty(resumed.Errors);
            var result = Single(resumed, sample);
            Assert.Equal("Started", result.Properties["Status"].Value);
            Assert.Equal(PreflightStatus.Passed, PreflightOf(result).Status);
            var run = Assert.Single(server.Started);
            using var input = JsonDocument.Parse(run.Input);
            Assert.Equal("bar", input.RootElement.GetProperty("resuming").GetProperty("input").GetProperty("foo").GetString());
        }

        [Fact]
        public void A_Task_resume_is_checked_on_a_mocked_result_so_that_nothing_is_invoked()
        {
            var arn = server.AddExecution("Orders", "old", Now.AddDays(-31), Now.AddDays(-30), OrdersMachine.FailedAtCharge(), redriveStatus: null);
            using var endpoint = new LoopbackEndpoint(testState.Wrap(server.Handle));

            var plan = session.Run($"Test-SfnRedrive $arn -Preflight {Connection}", new Dictionary<string, object?> { ["arn"] = arn, ["endpoint"] = endpoint.Url });

            Assert.Empty(plan.Errors);
            var preflight = PreflightOf(Single(plan, arn));
            Assert.Equal((PreflightStatus.Passed, "Charge", "Done"), (preflight.Status, preflight.StateName, preflight.NextState));
            var asked = Assert.Single(TestStateRequests(endpoint));
            Assert.Equal("Charge", asked.GetProperty("stateName").GetString());
            Assert.Equal("{}", asked.GetProperty("mock").GetProperty("result").GetString());
            Assert.Equal("NONE", asked.GetProperty("mock").GetProperty("fieldValidationMode").GetString());
            Assert.False(asked.TryGetProperty("roleArn", out _));
            Assert.Equal(OrdersMachine.RecordedInput, asked.GetProperty("input").GetString());
        }

        [Fact]
        public void Resumes_that_cannot_be_checked_say_why_once_per_reason_and_go_ahead()
        {
            var old = new[]
            {
                server.AddExecution("Orders", "old-1", Now.AddDays(-31), Now.AddDays(-30), OrdersMachine.FailedAtCharge(), redriveStatus: null),
                server.AddExecution("Orders", "old-2", Now.AddDays(-31), Now.AddDays(-30), OrdersMachine.FailedAtCharge(), redriveStatus: null),
            };
            var recent = new[]
            {
                server.AddExecution("Orders", "recent-1", Now.AddDays(-2), Now.AddDays(-1), OrdersMachine.FailedAtCharge()),
                server.AddExecution("Orders", "recent-2", Now.AddDays(-2), Now.AddDays(-1), OrdersMachine.FailedAtCharge()),
            };
            using var endpoint = new LoopbackEndpoint(request => request.Operation == "TestState"
                ? LoopbackResponse.Error("AccessDeniedException", "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: states:TestState")
                : server.Handle(request));

            var result = session.Run($"$arns | Invoke-SfnRedrive -Preflight -Force {Connection}", new Dictionary<string, object?> { ["arns"] = old.Concat(recent).ToArray(), ["endpoint"] = endpoint.Url });

            Assert.Empty(result.Errors);
            Assert.Equal(4, result.Output.Count);
            Assert.All(result.Output, o => Assert.Equal("Started", o.Properties["Status"].Value));
            Assert.All(old, arn => Assert.Equal(PreflightCodes.NoPermission, PreflightOf(Single(result, arn)).Code));
            Assert.All(recent, arn => Assert.Equal(PreflightCodes.Redrive, PreflightOf(Single(result, arn)).Code));
            Assert.Equal(2, server.Started.Count);
            Assert.Equal(2, server.Redrives.Count);

            // The two GoTo resumes ask the same of TestState: one call, one warning; the redrives share theirs.
            Assert.Equal(1, endpoint.Count("TestState"));
            Assert.Equal(2, result.Warnings.Count);
            Assert.Single(result.Warnings, w => w.Contains("(NoPermission)", StringComparison.Ordinal) && w.Contains("states:TestState", StringComparison.Ordinal));
            Assert.Single(result.Warnings, w => w.Contains("(Redrive)", StringComparison.Ordinal));
        }
    }
}
