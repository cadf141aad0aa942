using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Logs;
using SfnResume.Aws.Logs.Model;
using SfnResume.MapRuns;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.MapRuns
{
    /// <summary>The scan of a Map Run's Express children's log group: where their processor is found, and that Ctrl+C ends it mid-scan.</summary>
    public sealed class ExpressChildLogReaderTests
    {
        [Fact]
        public void The_childrens_definition_is_the_item_processor_of_the_Map_with_that_label_even_inside_a_Parallel()
        {
            const string Parent = """
                {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"Other","States":{"Other":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"Wrong","States":{"Wrong":{"Type":"Pass","End":true}}},"End":true}}},
                  {"StartAt":"Orders","States":{"Orders":{"Type":"Map","Label":"nightly-orders","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"Charge","States":{"Charge":{"Type":"Pass","End":true}}},"End":true}}}]}}}
                """;

            var (labelled, none) = ExpressChildLogReader.ItemProcessorOf(Parent, "nightly-orders");
            var (byName, _) = ExpressChildLogReader.ItemProcessorOf(Parent, "Other");
            var (unknown, note) = ExpressChildLogReader.ItemProcessorOf(Parent, "Orders");

            Assert.Null(none);
            Assert.NotNull(labelled!.Find("Charge"));
            Assert.Null(labelled.Find("Wrong"));
            Assert.NotNull(byName!.Find("Wrong"));

            // "Orders" has a Label of its own, so a run labelled "Orders" is not its: said, not guessed.
            Assert.Null(unknown);
            Assert.Contains("'Orders' was not found", note, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Cancelling_stops_the_scan_between_pages_and_asks_for_no_page_more()
        {
            using var world = new FailedMapRunWorld(items: 20, failed: 3, aborted: 0, succeeded: 5, expressChildren: true);
            var client = TestClients.For(world.Endpoint.Url, region: "eu-west-1");
            var logs = new HeldSecondPage();
            var reader = new ExpressChildLogReader(client, new TransientRetry(maxAttempts: 1), () => logs);
            var run = new MapRun { MapRunArn = FailedMapRunWorld.MapRunArn, ExecutionArn = world.ParentArn, StartDate = DateTime.UtcNow.AddHours(-1), StopDate = DateTime.UtcNow };
            var children = Enumerable.Range(0, 3).Select(i => new SfnResume.Aws.Model.ExecutionListItem { ExecutionArn = $"{RedriveServer.Account}:express:Orders/ProcessOrders:c{i:D5}:c{i:D5}-0f5c7a4e", Status = "FAILED" }).ToList();
            using var cancel = new CancellationTokenSource();

            var reading = reader.ReadAsync(run, children, cancel.Token);
            Assert.True(logs.SecondAsked.Wait(TimeSpan.FromSeconds(30)), "the second page was never asked for");
            Assert.False(reading.IsCompleted);
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(2, logs.Calls);
        }

        /// <summary>Answers a first page with a token to go on, then holds the second until its caller gives up.</summary>
        private sealed class HeldSecondPage : ICloudWatchLogsClient
        {
            private int calls;

            public ManualResetEventSlim SecondAsked { get; } = new ManualResetEventSlim(false);

            public int Calls => Volatile.Read(ref calls);

            public async Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken = default)
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    return new FilterLogEventsResponse { NextToken = "more" };
                }

                SecondAsked.Set();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("not reached");
            }

            public Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

            public Task<StartQueryResponse> StartQueryAsync(StartQueryRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

            public Task<GetQueryResultsResponse> GetQueryResultsAsync(GetQueryResultsRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        }
    }
}
