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
    /// server: it accepts the copy, a second call reuses it, and the copy runs ordinary input the original way.
    /// stepfunctions-local predates the IsPresent operator (an operator it does not know makes a rule false),
    /// so there the guarded rules never match: the jump itself is proven with aws-local-stepfunctions
    /// (GoToRuntimeTests), which implements it.
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
            var started = session.Run("Start-SfnGoToExecution -StateMachineArn ($source + '-goto') -Input '{\"ordinary\":1}' -Name plain -EndpointUrl $endpoint -Region us-east-1 -AccessKey $ak -SecretKey $sk", variables);

            Assert.Empty(first.Errors);
            Assert.Equal("New", first.Output.Single().Properties["Created"].Value);
            Assert.Empty(second.Errors);
            Assert.Equal("Reused", second.Output.Single().Properties["Created"].Value);
            var copyArn = (string)first.Output.Single().Properties["StateMachineArn"].Value;
            var stored = await client.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = copyArn });
            Assert.Equal("Orders-goto", stored.Name);

            Assert.Empty(started.Errors);
            var executionArn = (string)started.Output.Single().Properties["ExecutionArn"].Value;
            DescribeExecutionResponse execution;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            do
            {
                execution = await client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = executionArn });
                await Task.Delay(100);
            }
            while (execution.Status == "RUNNING" && DateTime.UtcNow < deadline);
            var history = await client.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = executionArn });

            Assert.Equal("SUCCEEDED", execution.Status);
            Assert.Equal(new[] { "GoToState", "Prepare", "Work", "Done" }, history.Events.Where(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal)).Select(e => e.Details!.Name));
        }
    }
}
