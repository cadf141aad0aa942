using System;
using System.Threading;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// Puts faults in front of a loopback handler, from a fixed seed: throttling (nothing done), HTTP 500 before
    /// the handler runs, and the worst case, HTTP 500 after it ran (the change was made, the answer is lost).
    /// </summary>
    public sealed class FaultInjector
    {
        private readonly Func<RecordedRequest, LoopbackResponse> inner;
        private readonly Random random;
        private readonly double throttled;
        private readonly double failedBefore;
        private readonly double failedAfter;
        private int faults;

        public FaultInjector(Func<RecordedRequest, LoopbackResponse> inner, double throttled, double failedBefore, double failedAfter, int seed = 20261122)
        {
            this.inner = inner;
            this.throttled = throttled;
            this.failedBefore = failedBefore;
            this.failedAfter = failedAfter;
            random = new Random(seed);
        }

        /// <summary>How many answers were faults.</summary>
        public int Faults => Volatile.Read(ref faults);

        public LoopbackResponse Handle(RecordedRequest request)
        {
            double roll;
            lock (random)
            {
                roll = random.NextDouble();
            }

            if (roll < throttled)
            {
                Interlocked.Increment(ref faults);
                return new LoopbackResponse(400, "{\"__type\":\"com.amazonaws.swf.service.v2.model#ThrottlingException\",\"message\":\"Rate exceeded\"}");
            }

            if (roll < throttled + failedBefore)
            {
                Interlocked.Increment(ref faults);
                return new LoopbackResponse(500, "{\"__type\":\"com.amazonaws.swf.service.v2.model#InternalFailure\",\"message\":\"Internal error\"}");
            }

            var response = inner(request);
            if (roll < throttled + failedBefore + failedAfter)
            {
                Interlocked.Increment(ref faults);
                return new LoopbackResponse(500, "{\"__type\":\"com.amazonaws.swf.service.v2.model#InternalFailure\",\"message\":\"Internal error\"}");
            }

            return response;
        }
    }
}
