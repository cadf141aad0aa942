using System;
using System.Collections.Generic;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Aws
{
    /// <summary>The quota endpoint the pacing benchmarks run against behaves like AWS's token buckets.</summary>
    public sealed class QuotaBucketsTests
    {
        private static readonly IReadOnlyDictionary<string, (double Burst, double Refill)> Small = new Dictionary<string, (double, double)>
        {
            ["DescribeExecution"] = (3, 1),
            ["RedriveExecution"] = (10, 100),
        };

        private double now;

        private static RecordedRequest Request(string operation) =>
            new RecordedRequest("POST", "/", new Dictionary<string, string> { ["X-Amz-Target"] = "AWSStepFunctions." + operation }, "{}", TimeSpan.Zero);

        [Fact]
        public void A_burst_is_let_through_then_throttled_as_AWS_does_then_refilled_over_time()
        {
            var handled = 0;
            var quotas = new QuotaBuckets(_ => { handled++; return new LoopbackResponse(200, "{}"); }, Small, () => now);

            var burst = new[] { quotas.Handle(Request("DescribeExecution")), quotas.Handle(Request("DescribeExecution")), quotas.Handle(Request("DescribeExecution")) };
            var throttled = quotas.Handle(Request("DescribeExecution"));
            now = 1.0;
            var refilled = quotas.Handle(Request("DescribeExecution"));

            Assert.All(burst, r => Assert.Equal(200, r.StatusCode));
            Assert.Equal(400, throttled.StatusCode);
            Assert.Contains("#ThrottlingException\",\"message\":\"Rate exceeded\"", throttled.Body, StringComparison.Ordinal);
            Assert.Equal(200, refilled.StatusCode);
            Assert.Equal(4, handled);
            Assert.Equal(4, quotas.Accepted("DescribeExecution"));
            Assert.Equal(1, quotas.Throttled("DescribeExecution"));
        }

        [Fact]
        public void Each_operation_has_its_own_bucket()
        {
            var quotas = new QuotaBuckets(_ => new LoopbackResponse(200, "{}"), Small, () => now);
            for (var i = 0; i < 3; i++)
            {
                quotas.Handle(Request("DescribeExecution"));
            }

            Assert.Equal(200, quotas.Handle(Request("RedriveExecution")).StatusCode);
            Assert.Equal(400, quotas.Handle(Request("DescribeExecution")).StatusCode);
        }

        [Fact]
        public void The_floor_is_the_slowest_bucket_or_the_latency_over_the_connections()
        {
            var quotas = new QuotaBuckets(_ => new LoopbackResponse(200, "{}"), Small, () => now);
            for (var i = 0; i < 13; i++)
            {
                now = i;
                quotas.Handle(Request("DescribeExecution"));
            }

            // 13 calls with a burst of 3 at 1 a second: 10 s at least; 13 x 20 ms over 2 connections is less.
            Assert.Equal(TimeSpan.FromSeconds(10), quotas.Floor(TimeSpan.FromMilliseconds(20), concurrency: 2));
            Assert.Equal(TimeSpan.FromSeconds(13 * 2.0 / 2), quotas.Floor(TimeSpan.FromSeconds(2), concurrency: 2));
        }
    }
}
