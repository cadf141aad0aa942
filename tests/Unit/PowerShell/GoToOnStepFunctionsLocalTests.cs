using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using SfnResume.Aws.Model;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// The GoTo copy made by New-SfnGoToStateMachine on stepfunctions-local, an independent Step Functions
    /// server: it accepts the copy, a second call reuses it, and ordinary input runs the original way.
    /// <para>What it cannot show is the jump: stepfunctions-local 1.3.1 predates the IsPresent operator and
    /// counts an operator it does not know as false, so there a resuming input takes the Default. The copy
    /// keeps IsPresent because on AWS a Choice that reads a missing path without it fails the execution
    /// (States.Runtime). The jump is proven with aws-local-stepfunctions (GoToRuntimeTests), which implements
    /// IsPresent.</para>
    /// </summary>
    public sealed class GoToOnStepFunctionsLocalTests : IDisposable
    {
        private const string Definition = @"{ ""StartAt"": ""Prepare"", ""States"": {
            ""Prepare"": { ""Type"": ""Pass"", ""Result"": { ""ready"": true }, ""ResultPath"": ""$.prepared"", ""Next"": ""Work"" },
            ""Work"": { ""Type"": ""Pass"", ""Next"": ""Done"" },
            ""Done"": { ""Type"": ""Succeed"" } } }";

        private readonly StepFunctionsLocal server = new StepFunctionsLocal();
        private readonly PowerShellSession session = new PowerShellSession();

        public void Dispose()
        {
            session.Dispose();
            server.Dispose();
        }

        [Fact]
        public async Task The_copy_is_created_once_reused_after_and_runs_ordinary_input_like_the_original()
        {
            using var client = TestClients.For(server.Url);
            var source = await client.CreateStateMachineAsync(new CreateStateMachineRequest { Name = "Orders", Definition = Definition, RoleArn = "arn:aws:iam::123456789012:role/sfn" });
            var variables = new Dictionary<string, object?> { ["endpoint"] = server.Url, ["source"] = source.StateMachineArn, ["ak"] = TestClients.AccessKey, ["sk"] = TestClients.SecretKey };
            const string make = "New-SfnGoToStateMachine -StateMachineArn $source -StateName Work -Input '{\"recorded\":true}' -EndpointUrl $endpoint -Region us-east-1 -AccessKey $ak -SecretKey $sk";

            var first = session.Run(make, variables);
            var second = session.Run(make, variables);
            var resumed = session.Run(make + " | Start-SfnGoToExecution -Name resumed -EndpointUrl $endpoint -Region us-east-1 -AccessKey $ak -SecretKey $sk", variables);
            var started = session.Run("Start-SfnGoToExecution -StateMachineArn ($source + '-goto') -Input '{\"ordinary\":1}' -Name plain -EndpointUrl $endpoint -Region us-east-1 -AccessKey $ak -SecretKey $sk", variables);

            Assert.Empty(first.Errors);
            Assert.Equal("New", first.Output.Single().Properties["Created"].Value);
            Assert.Empty(second.Errors);
            Assert.Equal("Reused", second.Output.Single().Properties["Created"].Value);
            var copyArn = (string)first.Output.Single().Properties["StateMachineArn"].Value;
            var stored = await client.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = copyArn });
            Assert.Equal("Orders-goto", stored.Name);

            // The copy is started with the resuming input and enters the GoTo Choice first (where the emulator stops being a judge).
            Assert.Empty(resumed.Errors);
            var resumedHistory = await FinishedHistory(client, (string)resumed.Output.Single().Properties["ExecutionArn"].Value);
            var entered = resumedHistory.First(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal));
            Assert.Equal("GoToState", entered.Details!.Name);
            Assert.Equal("{\"resuming\":{\"state\":\"Work\",\"input\":{\"recorded\":true},\"variables\":{}}}", entered.Details.Input);

            // An ordinary run of the copy is the original's run.
            Assert.Empty(started.Errors);
            var plainHistory = await FinishedHistory(client, (string)started.Output.Single().Properties["ExecutionArn"].Value);
            Assert.Equal(new[] { "GoToState", "Prepare", "Work", "Done" }, plainHistory.Where(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal)).Select(e => e.Details!.Name));
            Assert.Equal("ExecutionSucceeded", plainHistory.Last().Type);
        }

        private static async Task<List<HistoryEvent>> FinishedHistory(SfnResume.Aws.StepFunctionsClient client, string executionArn)
        {
            await StepFunctionsLocal.Ended(client, executionArn);
            return (await client.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = executionArn })).Events;
        }
    }
}
