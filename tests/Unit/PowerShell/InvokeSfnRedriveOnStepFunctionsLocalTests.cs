using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using SfnResume.Aws.Model;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// Invoke-SfnRedrive's GoTo path and -Wait against stepfunctions-local, an independent Step Functions server,
    /// with executions that really ran there. stepfunctions-local has no RedriveExecution (the redrive path is
    /// tested on the loopback server) and cannot judge the jump itself (see GoToOnStepFunctionsLocalTests):
    /// the resumed run takes the copy's Default and fails the same way again, which is what this test waits for.
    /// </summary>
    public sealed class InvokeSfnRedriveOnStepFunctionsLocalTests : IDisposable
    {
        // Charge calls a Lambda function the emulator cannot reach (sfn-local.js points Lambda at a closed port).
        private const string Definition = @"{ ""StartAt"": ""Prepare"", ""States"": {
            ""Prepare"": { ""Type"": ""Pass"", ""Result"": { ""ready"": true }, ""ResultPath"": ""$.prepared"", ""Next"": ""Charge"" },
            ""Charge"": { ""Type"": ""Task"", ""Resource"": ""arn:aws:lambda:us-east-1:123456789012:function:charge"", ""End"": true } } }";

        private readonly StepFunctionsLocal server = new StepFunctionsLocal();
        private readonly PowerShellSession session = new PowerShellSession();

        public void Dispose()
        {
            session.Dispose();
            server.Dispose();
        }

        /// <summary>The Orders machine, and one run of it that really ran on the emulator and failed at Charge.</summary>
        private static async Task<StartExecutionResponse> FailedRunAsync(SfnResume.Aws.StepFunctionsClient client, string name, int order)
        {
            var machine = await client.CreateStateMachineAsync(new CreateStateMachineRequest { Name = "Orders", Definition = Definition, RoleArn = "arn:aws:iam::123456789012:role/sfn" });
            var failed = await client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine.StateMachineArn, Name = name, Input = $"{{\"order\":{order}}}" });
            await StepFunctionsLocal.Ended(client, failed.ExecutionArn);
            return failed;
        }

        [Fact]
        public async Task A_failed_execution_is_resumed_through_a_new_copy_and_waited_for_until_it_fails_again_with_where()
        {
            using var client = TestClients.For(server.Url);
            var failed = await FailedRunAsync(client, "order-7", 7);

            var result = session.Run(
                "Invoke-SfnRedrive $arn -Method GoTo -Wait -PollIntervalSeconds 1 -TimeoutSeconds 60 -Force -EndpointUrl $endpoint -Region us-east-1 -AccessKey $ak -SecretKey $sk",
                new Dictionary<string, object?> { ["arn"] = failed.ExecutionArn, ["endpoint"] = server.Url, ["ak"] = TestClients.AccessKey, ["sk"] = TestClients.SecretKey });

            Assert.Empty(result.Errors);
            var item = Assert.Single(result.Output);
            Assert.Equal(failed.ExecutionArn, item.Properties["ExecutionArn"].Value);
            Assert.Equal("GoTo", item.Properties["Method"].Value);
            Assert.Equal("FAILED", item.Properties["Status"].Value);
            var again = (FailurePoint)item.Properties["FailurePoint"].Value;
            Assert.Equal("Charge", again.FailedState);
            Assert.Equal("Charge", (string)item.Properties["ResumeState"].Value);

            // The run is of the copy, and it was given the resuming input for the state the first run failed at.
            var resumedArn = (string)item.Properties["ResumedExecutionArn"].Value;
            var resumed = await client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = resumedArn });
            Assert.EndsWith(":stateMachine:Orders-goto", resumed.StateMachineArn, StringComparison.Ordinal);
            var resuming = JsonDocument.Parse(resumed.Input!).RootElement.GetProperty("resuming");
            Assert.Equal((string)item.Properties["ResumeState"].Value, resuming.GetProperty("state").GetString());
            Assert.Equal(7, resuming.GetProperty("input").GetProperty("order").GetInt32());
            Assert.True(resuming.GetProperty("input").GetProperty("prepared").GetProperty("ready").GetBoolean());
        }

        [Fact]
        public async Task With_the_default_method_an_emulator_without_RedriveExecution_resumes_on_the_GoTo_path_and_says_why()
        {
            // The README's emulator steps: a run failed a moment ago looks redrivable, and the emulator answers
            // RedriveExecution with InvalidAction. Every execution failed that way before; now each takes the copy.
            using var client = TestClients.For(server.Url);
            var failed = await FailedRunAsync(client, "order-8", 8);

            var result = session.Run(
                "Invoke-SfnRedrive $arn -Force -EndpointUrl $endpoint -Region us-east-1 -AccessKey $ak -SecretKey $sk",
                new Dictionary<string, object?> { ["arn"] = failed.ExecutionArn, ["endpoint"] = server.Url, ["ak"] = TestClients.AccessKey, ["sk"] = TestClients.SecretKey });

            Assert.Empty(result.Errors);
            var item = Assert.Single(result.Output);
            Assert.Equal("GoTo", item.Properties["Method"].Value);
            Assert.Equal("Started", item.Properties["Status"].Value);
            Assert.Contains("RedriveUnavailable", (IReadOnlyList<string>)item.Properties["ReasonCodes"].Value);
            Assert.EndsWith(":execution:Orders-goto:" + "order-8-r1-", ((string)item.Properties["ResumedExecutionArn"].Value).Substring(0, ((string)item.Properties["ResumedExecutionArn"].Value).LastIndexOf('-') + 1), StringComparison.Ordinal);
        }
    }
}
