using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws.Logs.Model;
using SfnResume.Express;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Express
{
    /// <summary>
    /// Many executions' records read with few FilterLogEvents calls: asks that come while a call is in flight go
    /// together when it ends, as one pattern of at most 1,024 characters, and each gets its own records only.
    /// </summary>
    public sealed class LogFilterBatcherTests
    {
        private const string Group = "/aws/vendedlogs/states/Receipts";
        private static readonly DateTime Noon = new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

        private static string Arn(int i) => $"arn:aws:states:eu-west-1:123456789012:express:Receipts:receipt-{i:D4}:6c1f0e2a-5b7d-4c3e-9a8f-2d4b6e8f0a1c";

        private static long Ms(DateTime at) => new DateTimeOffset(at).ToUnixTimeMilliseconds();

        [Fact]
        public async Task Asks_that_wait_for_a_call_in_flight_go_together_in_patterns_of_at_most_1024_characters_each_getting_its_own_records()
        {
            // Each execution's records, a minute apart; the log group holds them all.
            var server = new ExpressLogServer { LogGroupName = Group, PageSize = 1000 };
            for (var i = 0; i < 25; i++)
            {
                server.Add(ExpressRunRecords.Of(Arn(i), Ms(Noon.AddMinutes(i)), "FAILED"));
            }

            // The first call is held until the other asks are queued: they cannot go before it ends.
            var requests = new List<FilterLogEventsRequest>();
            var firstArrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var releaseFirst = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task<FilterLogEventsResponse> Filter(FilterLogEventsRequest request, CancellationToken cancellationToken)
            {
                int seen;
                lock (requests)
                {
                    requests.Add(new FilterLogEventsRequest { LogGroupName = request.LogGroupName, FilterPattern = request.FilterPattern, StartTime = request.StartTime, EndTime = request.EndTime });
                    seen = requests.Count;
                }

                if (seen == 1)
                {
                    firstArrived.SetResult(true);
                    await releaseFirst.Task;
                }

                return FilterLogEventsAnswer(server, request);
            }

            var batcher = new LogFilterBatcher(Filter);
            var first = batcher.ReadAsync(Group, Array.Empty<string>(), Arn(0), prefix: false, Noon.AddMinutes(-5), Noon.AddSeconds(1), CancellationToken.None);
            await firstArrived.Task;
            var rest = Enumerable.Range(1, 24).Select(i => batcher.ReadAsync(Group, Array.Empty<string>(), Arn(i), prefix: false, Noon.AddMinutes(i - 5), Noon.AddMinutes(i).AddSeconds(1), CancellationToken.None)).ToList();
            releaseFirst.SetResult(true);
            var answers = new[] { await first }.Concat(await Task.WhenAll(rest)).ToList();

            // Each ask has its execution's six records, and no other's.
            for (var i = 0; i < 25; i++)
            {
                Assert.Equal(6, answers[i].Count);
                Assert.All(answers[i], r => Assert.Equal(Arn(i), r.ExecutionArn));
            }

            // One call for the first; the 24 that waited in as few calls as 1,024 characters allow, each
            // pattern within the limit, over the union of its asks' windows.
            Assert.All(requests, r => Assert.True(r.FilterPattern!.Length <= LogFilterBatcher.MaxPatternLength, r.FilterPattern));
            // "{ " + n clauses joined by " || " + " }": 4 + n × clause + (n - 1) × 4 characters.
            var perCall = LogFilterBatcher.MaxPatternLength / ("$.execution_arn = \"\"".Length + Arn(0).Length + 4);
            Assert.Equal(1 + (int)Math.Ceiling(24.0 / perCall), requests.Count);
            Assert.Equal(Ms(Noon.AddMinutes(1 - 5)), requests[1].StartTime);
            Assert.Equal(Ms(Noon.AddMinutes(perCall).AddSeconds(1)), requests[1].EndTime);
        }

        [Fact]
        public async Task An_ask_alone_goes_at_once_with_its_own_window()
        {
            var server = new ExpressLogServer { LogGroupName = Group };
            server.Add(ExpressRunRecords.Of(Arn(7), Ms(Noon), "FAILED"));
            var requests = new List<FilterLogEventsRequest>();
            var batcher = new LogFilterBatcher((request, ct) =>
            {
                requests.Add(new FilterLogEventsRequest { FilterPattern = request.FilterPattern, StartTime = request.StartTime, EndTime = request.EndTime });
                return Task.FromResult(FilterLogEventsAnswer(server, request));
            });

            var records = await batcher.ReadAsync(Group, Array.Empty<string>(), Arn(7), prefix: false, Noon.AddMinutes(-5), Noon.AddMinutes(1), CancellationToken.None);

            Assert.Equal(6, records.Count);
            Assert.Equal("{ $.execution_arn = \"" + Arn(7) + "\" }", Assert.Single(requests.Select(r => r.FilterPattern).Distinct()));
            Assert.Equal((Ms(Noon.AddMinutes(-5)), Ms(Noon.AddMinutes(1))), (requests[0].StartTime!.Value, requests[0].EndTime!.Value));
        }

        /// <summary>The loopback's answer to <paramref name="request"/>, as the client would have it.</summary>
        private static FilterLogEventsResponse FilterLogEventsAnswer(ExpressLogServer server, FilterLogEventsRequest request)
        {
            var body = new JsonObject { ["logGroupName"] = request.LogGroupName, ["filterPattern"] = request.FilterPattern };
            if (request.StartTime != null)
            {
                body["startTime"] = request.StartTime;
            }

            if (request.EndTime != null)
            {
                body["endTime"] = request.EndTime;
            }

            if (request.NextToken != null)
            {
                body["nextToken"] = request.NextToken;
            }

            var answer = server.Handle(new RecordedRequest("POST", "/", new Dictionary<string, string> { ["X-Amz-Target"] = "Logs_20140328.FilterLogEvents" }, body.ToJsonString(), TimeSpan.Zero));
            var json = JsonNode.Parse(answer.Body)!;
            return new FilterLogEventsResponse
            {
                Events = json["events"]!.AsArray().Select(e => new FilteredLogEvent { Message = e!["message"]!.GetValue<string>(), Timestamp = e["timestamp"]!.GetValue<long>() }).ToList(),
                NextToken = json["nextToken"]?.GetValue<string>(),
            };
        }
    }
}
