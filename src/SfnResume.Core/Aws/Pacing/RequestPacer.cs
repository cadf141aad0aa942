using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace SfnResume.Aws.Pacing
{
    /// <summary>
    /// Paces the calls to Step Functions of one account and region so that they fit its API quotas: each call
    /// first waits for a token from its API's bucket (<see cref="TokenBucket"/>). A batch then never throttles
    /// itself, however many executions it resumes, and every cmdlet in the process shares the same buckets
    /// (<see cref="For"/>), as AWS counts them per account and region, not per command.
    /// </summary>
    public sealed class RequestPacer
    {
        private static readonly ConcurrentDictionary<string, RequestPacer> Shared = new ConcurrentDictionary<string, RequestPacer>(StringComparer.Ordinal);

        private readonly IReadOnlyDictionary<string, ApiQuota> quotas;
        private readonly Func<double> seconds;
        private readonly Func<TimeSpan, CancellationToken, Task> delay;
        private readonly Dictionary<string, TokenBucket> buckets = new Dictionary<string, TokenBucket>(StringComparer.Ordinal);

        /// <param name="clock">Seconds since some start; the wall clock when omitted.</param>
        /// <param name="delay">How to wait; Task.Delay when omitted.</param>
        public RequestPacer(IReadOnlyDictionary<string, ApiQuota> quotas, Func<double>? clock = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
        {
            this.quotas = quotas;
            var watch = Stopwatch.StartNew();
            seconds = clock ?? (() => watch.Elapsed.TotalSeconds);
            this.delay = delay ?? ((wait, ct) => Task.Delay(wait, ct));
        }

        /// <summary>The pacer of one account and region, shared by every client made for it in this process.</summary>
        /// <param name="account">Whatever tells accounts apart without a call: an access key, a profile, an endpoint.</param>
        public static RequestPacer For(string account, string region)
            => Shared.GetOrAdd(account + "|" + region, _ => new RequestPacer(ApiQuotas.For(region)));

        /// <summary>Waits until a call to <paramref name="operation"/> fits its quota.</summary>
        public async Task WaitAsync(string operation, CancellationToken cancellationToken)
        {
            TimeSpan wait;
            TokenBucket? bucket;
            lock (buckets)
            {
                bucket = BucketFor(operation);
                if (bucket == null)
                {
                    return;
                }

                wait = bucket.Reserve(seconds());
            }

            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            try
            {
                await delay(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                lock (buckets)
                {
                    bucket.Unreserve();
                }

                throw;
            }
        }

        /// <summary>AWS answered a call to <paramref name="operation"/> with throttling: someone else spends the bucket too.</summary>
        public void Throttled(string operation)
        {
            lock (buckets)
            {
                BucketFor(operation)?.Throttled(seconds());
            }
        }

        /// <summary>The refill rate <paramref name="operation"/> is paced at now, calls per second; null when it is not paced.</summary>
        public double? RateOf(string operation)
        {
            lock (buckets)
            {
                return BucketFor(operation)?.RateAt(seconds());
            }
        }

        private TokenBucket? BucketFor(string operation)
        {
            if (!buckets.TryGetValue(operation, out var bucket) && quotas.TryGetValue(operation, out var quota))
            {
                bucket = buckets[operation] = new TokenBucket(quota, seconds());
            }

            return bucket;
        }
    }
}
