using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// AWS's API throttling in front of a loopback handler: a token bucket per operation, per account and
    /// region, with the large-region figures of the Step Functions quotas page (shared/sfn-reference.md §5).
    /// A request that finds its bucket empty is answered as AWS answers it, HTTP 400 ThrottlingException "Rate
    /// exceeded", and does nothing. From the calls a run made, <see cref="Floor"/> is the least time any client
    /// could have taken for them.
    /// </summary>
    public sealed class QuotaBuckets
    {
        /// <summary>Burst and refill per second for the large regions (us-east-1, us-west-2, eu-west-1).</summary>
        public static readonly IReadOnlyDictionary<string, (double Burst, double Refill)> LargeRegion = new Dictionary<string, (double, double)>(StringComparer.Ordinal)
        {
            ["GetExecutionHistory"] = (400, 20),
            ["DescribeExecution"] = (300, 15),
            ["DescribeStateMachine"] = (200, 20),
            ["DescribeStateMachineForExecution"] = (200, 1),
            ["CreateStateMachine"] = (100, 1),
            ["UpdateStateMachine"] = (100, 1),
            ["ValidateStateMachineDefinition"] = (100, 1),
            ["ListExecutions"] = (200, 5),
            ["StartExecution"] = (1300, 300),
            ["RedriveExecution"] = (1300, 300),
            ["StopExecution"] = (1000, 200),

            // The developer guide's "Other quotas" table (awsdocs/aws-step-functions-developer-guide, limits-overview.md).
            ["ListStateMachines"] = (100, 5),
            ["ListTagsForResource"] = (100, 1),
            ["DeleteStateMachine"] = (100, 1),
        };

        // The quotas page gives no figure for these; they are rarely called, so a modest bucket stands in.
        private static readonly (double Burst, double Refill) Unlisted = (100, 10);

        private readonly Func<RecordedRequest, LoopbackResponse> inner;
        private readonly IReadOnlyDictionary<string, (double Burst, double Refill)> quotas;
        private readonly Func<double> seconds;
        private readonly Dictionary<string, Bucket> buckets = new Dictionary<string, Bucket>(StringComparer.Ordinal);

        /// <param name="clock">Seconds since some start; the wall clock when omitted.</param>
        public QuotaBuckets(Func<RecordedRequest, LoopbackResponse> inner, IReadOnlyDictionary<string, (double Burst, double Refill)>? quotas = null, Func<double>? clock = null)
        {
            this.inner = inner;
            this.quotas = quotas ?? LargeRegion;
            var watch = Stopwatch.StartNew();
            seconds = clock ?? (() => watch.Elapsed.TotalSeconds);
        }

        public LoopbackResponse Handle(RecordedRequest request)
        {
            var operation = request.Operation;
            lock (buckets)
            {
                if (!buckets.TryGetValue(operation, out var bucket))
                {
                    var quota = quotas.TryGetValue(operation, out var listed) ? listed : Unlisted;
                    bucket = buckets[operation] = new Bucket(quota.Burst, quota.Refill, seconds());
                }

                if (!bucket.TryTake(seconds()))
                {
                    bucket.Throttled++;
                    return new LoopbackResponse(400, "{\"__type\":\"com.amazon.coral.availability#ThrottlingException\",\"message\":\"Rate exceeded\"}");
                }

                bucket.Accepted++;
            }

            return inner(request);
        }

        /// <summary>Requests that were let through, by operation.</summary>
        public int Accepted(string operation) { lock (buckets) { return buckets.TryGetValue(operation, out var b) ? b.Accepted : 0; } }

        public int Throttled(string operation) { lock (buckets) { return buckets.TryGetValue(operation, out var b) ? b.Throttled : 0; } }

        public int TotalAccepted { get { lock (buckets) { return buckets.Values.Sum(b => b.Accepted); } } }

        public int TotalThrottled { get { lock (buckets) { return buckets.Values.Sum(b => b.Throttled); } } }

        /// <summary>
        /// The least time the calls let through could have taken: the slowest bucket's refill time for the calls
        /// beyond its burst, or the calls one after another at <paramref name="latency"/> spread over
        /// <paramref name="concurrency"/> connections, whichever is longer.
        /// </summary>
        public TimeSpan Floor(TimeSpan latency, int concurrency)
        {
            lock (buckets)
            {
                var bucketsTime = buckets.Values.Select(b => Math.Max(0, (b.Accepted - b.Burst) / b.Refill)).DefaultIfEmpty(0).Max();
                var latencyTime = buckets.Values.Sum(b => b.Accepted) * latency.TotalSeconds / concurrency;
                return TimeSpan.FromSeconds(Math.Max(bucketsTime, latencyTime));
            }
        }

        private sealed class Bucket
        {
            private double tokens;
            private double refilledAt;

            public Bucket(double burst, double refill, double now)
            {
                Burst = burst;
                Refill = refill;
                tokens = burst;
                refilledAt = now;
            }

            public double Burst { get; }

            public double Refill { get; }

            public int Accepted { get; set; }

            public int Throttled { get; set; }

            public bool TryTake(double now)
            {
                tokens = Math.Min(Burst, tokens + ((now - refilledAt) * Refill));
                refilledAt = now;
                if (tokens < 1)
                {
                    return false;
                }

                tokens -= 1;
                return true;
            }
        }
    }
}
