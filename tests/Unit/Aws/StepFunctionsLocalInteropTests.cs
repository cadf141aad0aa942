using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Aws
{
    /// <summary>The client against an independent Step Functions server (stepfunctions-local) over HTTP.</summary>
    public sealed class StepFunctionsLocalInteropTests : IDisposable
    {
        private readonly StepFunctionsLocal server = new StepFunctionsLocal();

        public void Dispose() => server.Dispose();

        [Fact]
        public async Task Creates_starts_describes_and_reads_the_history_of_an_execution()
        {
            using var client = TestClients.For(server.Url);
            const string definition = @"{
                ""StartAt"": ""Prepare"",
                ""States"": {
                    ""Prepare"": { ""Type"": ""Pass"", ""Result"": { ""ready"": true }, ""ResultPath"": ""$.prepared"", ""Next"": ""Done"" },
                    ""Done"": { ""Type"": ""Succeed"" }
                }
            }";

            var created = await client.CreateStateMachineAsync(new CreateStateMachineRequest
            {
                Name = "Orders",
                Definition = definition,
                RoleArn = "arn:aws:iam::123456789012:role/StepFunctionsRole",
            });
            var described = await client.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = created.StateMachineArn });
            var started = await client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = created.StateMachineArn, Name = "run-1", Input = "{\"orderId\":42}" });

            var execution = await StepFunctionsLocal.Ended(client, started.ExecutionArn);
            var history = await client.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = started.ExecutionArn });

            Assert.EndsWith(":stateMachine:Orders", created.StateMachineArn);
            Assert.Equal("Orders", described.Name);
            using (var sent = JsonDocument.Parse(definition))
            using (var stored = JsonDocument.Parse(described.Definition))
            {
                Assert.Equal(sent.RootElement.GetProperty("StartAt").GetString(), stored.RootElement.GetProperty("StartAt").GetString());
            }

            Assert.EndsWith(":Orders:run-1", started.ExecutionArn);
            Assert.Equal("SUCCEEDED", execution.Status);
            Assert.Equal(created.StateMachineArn, execution.StateMachineArn);
            Assert.Equal("{\"orderId\":42}", execution.Input);
            Assert.True(execution.StopDate >= execution.StartDate);

            var events = history.Events;
            Assert.Equal("ExecutionStarted", events.First().Type);
            Assert.Equal("{\"orderId\":42}", JsonDocument.Parse(events.First().Details!.Input!).RootElement.GetRawText());
            Assert.Equal("ExecutionSucceeded", events.Last().Type);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Id));
            var entered = events.Single(e => e.Type == "PassStateEntered");
            Assert.Equal("Prepare", entered.Details!.Name);
            var exited = events.Single(e => e.Type == "PassStateExited");
            using var output = JsonDocument.Parse(exited.Details!.Output!);
            Assert.True(output.RootElement.GetProperty("prepared").GetProperty("ready").GetBoolean());
        }

        [Fact]
        public async Task An_unknown_execution_is_the_typed_ExecutionDoesNotExist_error()
        {
            using var client = TestClients.For(server.Url);

            var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.DescribeExecutionAsync(new DescribeExecutionRequest
            {
                ExecutionArn = "arn:aws:states:us-east-1:123456789012:execution:Nothing:here",
            }));

            Assert.Equal("ExecutionDoesNotExist", error.ErrorCode);
        }
    }
}
