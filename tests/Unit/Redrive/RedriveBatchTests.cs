using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Pacing;
using SfnResume.Redrive;
using SfnResume.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SfnResume.Tests.Redrive
{
    /// <summary>The batch engine over HTTP with the real client, against a loopback Step Functions that injects faults.</summary>
    public sealed class RedriveBatchTests
    {
        private static readonly DateTime Now = DateTime.UtcNow;
        private readonly ITestOutputHelper output;

        public RedriveBatchTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public async Task Half_throttled_and_some_500s_a_thousand_executions_are_each_redriven_exactly_once_none_lost()
        {
            var server = new RedriveServer();
            server.AddMachine("Orders", OrdersMachine.Definition, Now.AddDays(-400));
            var history = OrdersMachine.FailedAtCharge();
            var arns = Enumerable.Range(0, 1000)
                .Select(i => server.AddExecution("Orders", $"run-{i:D4}", Now.AddDays(-2).AddSeconds(i), Now.AddDays(-1), history))
                .ToArray();

            // 50% ThrottlingException, 3% HTTP 500 before the change, 3% HTTP 500 after it (the answer lost).
            var faults = new FaultInjector(server.Handle, throttled: 0.5, failedBefore: 0.03, failedAfter: 0.03);
            using var endpoint = new LoopbackEndpoint(faults.Handle);

            // Paced, and every throttled answer slows the pacing down, as against AWS; the buckets are larger than
            // AWS's because the throttling here is random, and would keep AWS's figures at their slowest.
            var quotas = new Dictionary<string, ApiQuota> { ["DescribeExecution"] = new ApiQuota(1000, 2000), ["RedriveExecution"] = new ApiQuota(1000, 2000) };
            var pacer = new RequestPacer(quotas);
            using var client = TestClients.For(endpoint.Url, maxErrorRetry: 0, pacer: pacer);

            // The cmdlet's policy with short waits: the faults here are random, so waiting longer changes nothing.
            var retry = new TransientRetry(maxAttempts: 30, baseDelay: TimeSpan.FromMilliseconds(2), maxDelay: TimeSpan.FromMilliseconds(20));
            // The slowest pacing seen while executions were being resumed: at the end, quiet time may have won it back.
            var slowestDescribes = double.MaxValue;
            var listener = new CollectingListener
            {
                OnAnswer = answer =>
                {
                    lock (output)
                    {
                        slowestDescribes = Math.Min(slowestDescribes, pacer.RateOf("DescribeExecution")!.Value);
                    }
                },
            };
            var batch = new RedriveBatch(client, new RedriveBatchOptions { Method = RedriveMethod.Auto, ThrottleLimit = 10, Resume = true }, retry, listener);
            await batch.RunAsync(arns.Select(a => new RedriveTarget(a)), CancellationToken.None);
            var resumed = listener.Of(RedriveAnswerKind.Resumed);
            var failed = listener.Of(RedriveAnswerKind.Failed);
            var skipped = listener.Of(RedriveAnswerKind.Planned);

            output.WriteLine($"{endpoint.Requests.Count} requests, {faults.Faults} faults, {retry.Retries} retries, paced at {slowestDescribes:F0} describes a second at the slowest");
            Assert.Empty(skipped);
            Assert.Empty(failed);
            Assert.All(resumed, run => Assert.Equal(RedriveMethod.Redrive, run.Item.Method));
            Assert.Equal(arns.Length, listener.Answers.Count);
            Assert.True(slowestDescribes < 2000 * 0.95, "throttling did not slow the pacing down");
            Assert.Equal(arns.OrderBy(a => a), resumed.Select(r => r.Result!.ExecutionArn).OrderBy(a => a));
            Assert.All(arns, arn => Assert.Equal(1, server.Redrives.TryGetValue(arn, out var n) ? n : 0));
            Assert.True(faults.Faults > 1000, $"only {faults.Faults} faults were injected");

            // Some redrives were carried out with their answer lost: their retries were answered by the token.
            var repeats = endpoint.Requests.Where(r => r.Operation == "RedriveExecution").GroupBy(r => r.Body).Count(g => g.Count() > 1);
            Assert.True(repeats > 0);
        }

        [Fact]
        public async Task A_call_that_stays_throttled_fails_its_execution_only()
        {
            var server = new RedriveServer();
            server.AddMachine("Orders", OrdersMachine.Definition, Now.AddDays(-400));
            var history = OrdersMachine.FailedAtCharge();
            var stuck = server.AddExecution("Orders", "stuck", Now.AddDays(-2), Now.AddDays(-1), history);
            var fine = server.AddExecution("Orders", "fine", Now.AddDays(-2), Now.AddDays(-1), history);
            using var endpoint = new LoopbackEndpoint(r => r.Operation == "RedriveExecution" && r.Body.Contains(stuck)
                ? LoopbackResponse.Error("ThrottlingException", "Rate exceeded")
                : server.Handle(r));
            using var client = TestClients.For(endpoint.Url, maxErrorRetry: 0);
            var listener = new CollectingListener();
            var batch = new RedriveBatch(client, new RedriveBatchOptions { Method = RedriveMethod.Redrive, ThrottleLimit = 4, Resume = true }, new TransientRetry(maxAttempts: 5, baseDelay: TimeSpan.FromMilliseconds(1)), listener);

            await batch.RunAsync(new[] { new RedriveTarget(stuck), new RedriveTarget(fine) }, CancellationToken.None);

            var resumed = listener.Of(RedriveAnswerKind.Resumed);
            var failure = Assert.Single(listener.Of(RedriveAnswerKind.Failed));
            Assert.Equal(stuck, failure.Item.ExecutionArn);
            Assert.Equal("ThrottlingException", Assert.IsType<StepFunctionsException>(failure.Error).ErrorCode);
            Assert.Equal(5, endpoint.Requests.Count(r => r.Operation == "RedriveExecution" && r.Body.Contains(stuck)));
            Assert.Equal(fine, Assert.Single(resumed).Result!.ExecutionArn);
        }
    }
}
