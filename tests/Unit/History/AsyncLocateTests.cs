using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.Definitions;
using SfnResume.History;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.History
{
    /// <summary>
    /// The batch's way to the failure point: pages read asynchronously through the caller's own call (its
    /// retries and limits), no more of them than the blocking read takes, and the same answer.
    /// </summary>
    public sealed class AsyncLocateTests : IDisposable
    {
        private const string Long = "arn:aws:states:us-west-2:123456789012:execution:Long:long-run";
        private const string Early = "arn:aws:states:us-west-2:123456789012:execution:Long:early-failure";
        private const string Validate = "{\"StartAt\":\"Validate\",\"States\":{\"Validate\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true}}}";

        private readonly HistoryServer executions = new HistoryServer();
        private readonly LoopbackEndpoint endpoint;
        private readonly StepFunctionsClient client;

        public AsyncLocateTests()
        {
            executions.Add(Long, HandBuiltHistoryTests.LongHistoryFailingAtTheEnd().Events, definition: HandBuiltHistoryTests.LongHistoryDefinition());

            // The failure at event 5, then 4,000 - 5 events linked to it, then the end: its state's entry is in the 4th page.
            var padded = new HistoryBuilder();
            padded.Started("{}");
            var failing = padded.FailingTask("Validate", "{\"batch\":1}", 0, "Validation.Failed");
            while (padded.LastId < 4000)
            {
                padded.Add("TaskStateAborted", failing);
            }

            padded.Failed(failing, "Validation.Failed", "early");
            executions.Add(Early, padded.Events, definition: Validate);
            endpoint = new LoopbackEndpoint(executions.Handle);
            client = TestClients.For(endpoint.Url, region: "us-west-2");
        }

        public void Dispose()
        {
            client.Dispose();
            endpoint.Dispose();
        }

        private async Task<(FailurePoint Point, List<string?> Tokens)> LocateAsync(string arn, string definition)
        {
            var execution = await client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = arn });
            var tokens = new List<string?>();
            var point = await new FailurePointLocator().LocateDescribedAsync(execution, StateMachineDefinition.Parse(definition), (request, ct) =>
            {
                lock (tokens)
                {
                    tokens.Add(request.NextToken);
                }

                return client.GetExecutionHistoryAsync(request, ct);
            }, CancellationToken.None);
            return (point, tokens);
        }

        private FailurePoint LocateBlocking(string arn, string definition)
        {
            var execution = client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = arn }).GetAwaiter().GetResult();
            return new FailurePointLocator().LocateDescribed(client, execution, StateMachineDefinition.Parse(definition), CancellationToken.None);
        }

        [Fact]
        public async Task A_failure_in_the_last_page_costs_one_call_of_the_callers_own()
        {
            var (point, tokens) = await LocateAsync(Long, HandBuiltHistoryTests.LongHistoryDefinition());

            Assert.Equal(new string?[] { null }, tokens);
            Assert.Equal("Finish", point.FailedState);
            Assert.Equal(1, endpoint.Count("GetExecutionHistory"));
        }

        [Fact]
        public async Task A_failure_far_back_reads_the_pages_one_after_the_other_as_the_blocking_read_does_and_finds_the_same()
        {
            var (point, tokens) = await LocateAsync(Early, Validate);
            var asyncRequests = endpoint.Count("GetExecutionHistory");
            var blocking = LocateBlocking(Early, Validate);

            Assert.Equal(new string?[] { null, "1000", "2000", "3000" }, tokens);
            Assert.Equal(4, asyncRequests);
            Assert.Equal(8, endpoint.Count("GetExecutionHistory"));
            Assert.Equal(("Validate", "Validate", "Validation.Failed", "early", 5L), (point.FailedState, point.ResumeState, point.Error, point.Cause, point.EventId));
            Assert.Equal((blocking.FailedState, blocking.ResumeState, blocking.Error, blocking.Cause, blocking.EventId, blocking.ResumeInput), (point.FailedState, point.ResumeState, point.Error, point.Cause, point.EventId, point.ResumeInput));
        }
    }
}
