using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws.Pacing;
using SfnResume.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SfnResume.Tests.Aws
{
    /// <summary>
    /// The client-side pacing against AWS's buckets as the quota endpoint keeps them, on a virtual clock: a
    /// call waits for its token by moving the clock on, and reaches "AWS" a network trip later.
    /// </summary>
    public sealed class RequestPacerTests
    {
        private const double NetworkTrip = 0.02;
        private readonly ITestOutputHelper output;
        private double now;

        public RequestPacerTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        private static RecordedRequest Request(string operation) =>
            new RecordedRequest("POST", "/", new Dictionary<string, string> { ["X-Amz-Target"] = "AWSStepFunctions." + operation }, "{}", TimeSpan.Zero);

        [Fact]
        public async Task A_thousand_describes_fit_the_large_region_bucket_without_one_throttled_answer_near_its_floor()
        {
            var aws = new QuotaBuckets(_ => new LoopbackResponse(200, "{}"), clock: () => now);
            var pacer = new RequestPacer(ApiQuotas.For("eu-west-1"), () => now, Advance);

            for (var i = 0; i < 1000; i++)
            {
                await CallAsync(pacer, aws, "DescribeExecution");
            }

            Assert.Equal(1000, aws.Accepted("DescribeExecution"));
            Assert.Equal(0, aws.Throttled("DescribeExecution"));

            // AWS lets 300 through at once and 15 a second after: 46.7 s at least.
            var floor = (1000 - 300) / 15.0;
            Assert.InRange(now, floor, floor * 1.1);
        }

        [Fact]
        public async Task Each_API_is_paced_by_its_own_bucket_so_slow_ones_do_not_hold_back_fast_ones()
        {
            var aws = new QuotaBuckets(_ => new LoopbackResponse(200, "{}"), clock: () => now);
            var pacer = new RequestPacer(ApiQuotas.For("us-east-1"), () => now, Advance);
            for (var i = 0; i < 200; i++)
            {
                await CallAsync(pacer, aws, "DescribeStateMachineForExecution");
            }

            var afterBurst = now;
            for (var i = 0; i < 1000; i++)
            {
                await CallAsync(pacer, aws, "RedriveExecution");
            }

            // The redrives never waited for a token: only their own network trips passed.
            Assert.Equal(0, aws.TotalThrottled);
            Assert.Equal(1000 * NetworkTrip, now - afterBurst, 6);
        }

        [Fact]
        public async Task Throttling_from_another_client_of_the_account_slows_the_bucket_down_then_it_recovers()
        {
            var aws = new QuotaBuckets(_ => new LoopbackResponse(200, "{}"), clock: () => now);
            var pacer = new RequestPacer(ApiQuotas.For("eu-west-1"), () => now, Advance);

            // Someone else drains DescribeExecution's burst, then keeps taking 10 of its 15 calls a second.
            for (var i = 0; i < 300; i++)
            {
                aws.Handle(Request("DescribeExecution"));
            }

            var otherClientAt = 0.0;
            var throttledAnswers = 0;
            for (var i = 0; i < 200; i++)
            {
                await pacer.WaitAsync("DescribeExecution", CancellationToken.None);
                for (; otherClientAt <= now; otherClientAt += 0.1)
                {
                    var saved = now;
                    now = otherClientAt;
                    aws.Handle(Request("DescribeExecution"));
                    now = saved;
                }

                now += NetworkTrip;
                if (aws.Handle(Request("DescribeExecution")).StatusCode == 400)
                {
                    throttledAnswers++;
                    pacer.Throttled("DescribeExecution");
                }
            }

            // Unpaced at AWS's 15 a second, two calls in three would be throttled; paced, the bucket settles
            // near the 5 a second left and few are.
            output.WriteLine($"{throttledAnswers} of 200 throttled, {now:F1} s, {pacer.RateOf("DescribeExecution"):F2} calls/s at the end");
            Assert.InRange(throttledAnswers, 1, 30);
            Assert.InRange(pacer.RateOf("DescribeExecution")!.Value, 1.5, 10.0);

            // Ten quiet seconds win AWS's rate back.
            now += 10;
            Assert.Equal(15 * TokenBucket.Headroom, pacer.RateOf("DescribeExecution")!.Value, 6);
        }

        [Fact]
        public async Task TestState_calls_wait_for_its_bucket_of_one_that_refills_once_a_second()
        {
            var aws = new QuotaBuckets(_ => new LoopbackResponse(200, "{}"), new Dictionary<string, (double Burst, double Refill)> { ["TestState"] = (1, 1) }, () => now);
            var pacer = new RequestPacer(ApiQuotas.For("ap-south-2"), () => now, Advance);

            for (var i = 0; i < 10; i++)
            {
                await CallAsync(pacer, aws, "TestState");
            }

            Assert.Equal(0, aws.Throttled("TestState"));
            // About a second a call: nine refills at AWS's rate at least, and little more at the pacer's (a bit under it).
            Assert.InRange(now, 9, 12);
        }

        [Fact]
        public async Task A_wait_for_a_token_stops_at_Ctrl_C_and_gives_the_token_back()
        {
            var quotas = new Dictionary<string, ApiQuota> { ["CreateStateMachine"] = new ApiQuota(1, 0.001) };
            var pacer = new RequestPacer(quotas);
            using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

            var waiting = pacer.WaitAsync("CreateStateMachine", stop.Token);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        }

        [Fact]
        public async Task APIs_without_a_documented_quota_are_not_paced()
        {
            var pacer = new RequestPacer(ApiQuotas.For("ap-south-2"), () => now, Advance);
            for (var i = 0; i < 10_000; i++)
            {
                await pacer.WaitAsync("DescribeMapRun", CancellationToken.None);
            }

            Assert.Equal(0, now);
            Assert.Null(pacer.RateOf("DescribeMapRun"));
        }

        [Theory]
        [InlineData("ListTagsForResource", 100, 1)]
        [InlineData("DeleteStateMachine", 100, 1)]
        [InlineData("ListStateMachines", 100, 5)]
        public async Task Listing_and_removing_copies_is_paced_at_the_documented_bucket(string operation, double burst, double refill)
        {
            var aws = new QuotaBuckets(_ => new LoopbackResponse(200, "{}"), clock: () => now);
            var pacer = new RequestPacer(ApiQuotas.For("ap-south-2"), () => now, Advance);

            for (var i = 0; i < 300; i++)
            {
                await CallAsync(pacer, aws, operation);
            }

            Assert.Equal(300, aws.Accepted(operation));
            Assert.Equal(0, aws.Throttled(operation));
            var floor = (300 - burst) / refill;
            Assert.InRange(now, floor, floor * 1.1);
        }

        [Fact]
        public void Every_client_of_one_account_and_region_shares_one_pacer()
        {
            Assert.Same(RequestPacer.For("key AKIDSHARED", "eu-west-1"), RequestPacer.For("key AKIDSHARED", "eu-west-1"));
            Assert.NotSame(RequestPacer.For("key AKIDSHARED", "eu-west-1"), RequestPacer.For("key AKIDSHARED", "eu-west-2"));
            Assert.NotSame(RequestPacer.For("key AKIDSHARED", "eu-west-1"), RequestPacer.For("key AKIDOTHER", "eu-west-1"));
        }

        private Task Advance(TimeSpan wait, CancellationToken cancellationToken)
        {
            now += wait.TotalSeconds;
            return Task.CompletedTask;
        }

        private async Task CallAsync(RequestPacer pacer, QuotaBuckets aws, string operation)
        {
            await pacer.WaitAsync(operation, CancellationToken.None);
            now += NetworkTrip / 2;
            var answer = aws.Handle(Request(operation));
            now += NetworkTrip / 2;
            if (answer.StatusCode == 400)
            {
                pacer.Throttled(operation);
            }
        }
    }
}
