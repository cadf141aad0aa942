using System;

namespace SfnResume.Aws.Pacing
{
    /// <summary>
    /// The client's copy of one API's bucket on AWS's side. A caller reserves a token and waits until it would
    /// exist; tokens may go below zero, so callers queue in reservation order instead of all racing for the
    /// next one. The refill starts a little under AWS's, because AWS's bucket starts counting when the first
    /// request reaches it, a network trip after ours. A throttled answer means someone else in the account
    /// spends the same bucket: AWS's bucket is empty, so ours is too, and the refill drops by 30 %, once per
    /// fifth of a second however many calls in flight come back throttled together. Time without throttling
    /// wins the rate back, a tenth of AWS's figure a second, up to that figure (additive increase,
    /// multiplicative decrease, as TCP and the SDK's adaptive mode do).
    /// </summary>
    internal sealed class TokenBucket
    {
        /// <summary>The share of AWS's refill rate the bucket starts with and returns to.</summary>
        internal const double Headroom = 0.95;

        /// <summary>The least share of AWS's refill rate throttling can push the bucket down to.</summary>
        private const double LowestShare = 0.1;

        /// <summary>What one throttled answer leaves of the refill rate.</summary>
        private const double Decrease = 0.7;

        /// <summary>Throttled answers closer together than this (seconds) are one signal, not many.</summary>
        private const double SignalWindow = 0.2;

        /// <summary>The share of AWS's refill rate a second without throttling wins back.</summary>
        private const double RecoveryPerSecond = 0.1;

        private readonly double burst;
        private readonly double fullRate;
        private double rate;
        private double tokens;
        private double updatedAt;
        private double slowedAt = double.NegativeInfinity;

        public TokenBucket(ApiQuota quota, double now)
        {
            burst = quota.Burst;
            fullRate = quota.RefillPerSecond * Headroom;
            rate = fullRate;
            tokens = burst - 1;
            updatedAt = now;
        }

        /// <summary>The refill rate at <paramref name="now"/>, calls per second.</summary>
        public double RateAt(double now)
        {
            Refill(now);
            return rate;
        }

        /// <summary>Takes a token; the answer is how long to wait before it exists (zero when it does now).</summary>
        public TimeSpan Reserve(double now)
        {
            Refill(now);
            tokens -= 1;
            return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / rate);
        }

        /// <summary>Gives back a token reserved by a caller that stopped waiting.</summary>
        public void Unreserve() => tokens += 1;

        public void Throttled(double now)
        {
            Refill(now);
            tokens = Math.Min(tokens, 0);
            if (now - slowedAt >= SignalWindow)
            {
                rate = Math.Max(fullRate * LowestShare, rate * Decrease);
                slowedAt = now;
            }
        }

        private void Refill(double now)
        {
            var elapsed = Math.Max(0, now - updatedAt);
            tokens = Math.Min(burst - 1, tokens + (elapsed * rate));
            rate = Math.Min(fullRate, rate + (fullRate * RecoveryPerSecond * elapsed));
            updatedAt = now;
        }
    }
}
