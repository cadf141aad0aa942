using System;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using SfnResume.Tests.Infrastructure;

namespace SfnResume.Benchmarks
{
    /// <summary>
    /// What the Express benchmark's resumes call besides the log group and the machine: the GoTo copy's creation, the
    /// source's tags (none) and StartExecution on the Express copy, which answers a new run's ARN as Step Functions
    /// does for Express (not kept, not idempotent). Everything else goes to the log group's loopback.
    /// </summary>
    public sealed class CopySide
    {
        private readonly Func<RecordedRequest, LoopbackResponse> inner;
        private int started;

        public CopySide(Func<RecordedRequest, LoopbackResponse> inner)
        {
            this.inner = inner;
        }

        /// <summary>The runs StartExecution started.</summary>
        public int Started => Volatile.Read(ref started);

        public LoopbackResponse Handle(RecordedRequest request)
        {
            switch (request.Operation)
            {
                case "CreateStateMachine":
                    using (var body = JsonDocument.Parse(request.Body))
                    {
                        return LoopbackResponse.Json($"{{\"stateMachineArn\":\"arn:aws:states:us-east-1:123456789012:stateMachine:{body.RootElement.GetProperty("name").GetString()}\",\"creationDate\":1700000000}}");
                    }

                case "ListTagsForResource":
                    return LoopbackResponse.Json("{\"tags\":[]}");
                case "StartExecution":
                    using (var body = JsonDocument.Parse(request.Body))
                    {
                        Interlocked.Increment(ref started);
                        var machine = body.RootElement.GetProperty("stateMachineArn").GetString()!.Split(':')[6];
                        var at = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0).ToString("F3", CultureInfo.InvariantCulture);
                        return LoopbackResponse.Json($"{{\"executionArn\":\"arn:aws:states:us-east-1:123456789012:express:{machine}:{body.RootElement.GetProperty("name").GetString()}:{Guid.NewGuid()}\",\"startDate\":{at}}}");
                    }

                default:
                    return inner(request);
            }
        }
    }
}
