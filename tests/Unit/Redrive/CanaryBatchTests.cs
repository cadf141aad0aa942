using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Redrive;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Redrive
{
    /// <summary>
    /// The batch with canaries, against the loopback Step Functions, on a clock the test moves: each wait for a
    /// canary takes no time, and the order of what reaches the endpoint shows what waited for what.
    /// </summary>
    public sealed class CanaryBatchTests : IDisposable
    {
        private static readonly DateTime Now = DateTime.UtcNow;
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

        private readonly RedriveServer server = new RedriveServer();
        private readonly LoopbackEndpoint endpoint;
        private readonly StepFunctionsClient client;
        private readonly ManualClock clock = new ManualClock(Now);

        public CanaryBatchTests()
        {
            server.AddMachine("Orders", OrdersMachine.Definition, Now.AddDays(-400));
            server.AddMachine("Billing", OrdersMachine.Definition, Now.AddDays(-400));
            endpoint = new LoopbackEndpoint(server.Handle);
            client = TestClients.For(endpoint.Url, maxErrorRetry: 0);
        }

        public void Dispose()
        {
            client.Dispose();
            endpoint.Dispose();
        }

        private string Failed(string machine, string name, bool failsAgain = false)
            => server.AddExecution(machine, name, Now.AddHours(-2), Now.AddHours(-1), OrdersMachine.FailedAtCharge(), afterRedrive: failsAgain ? ("FAILED", OrdersMachine.FailsAgainAtCharge()) : null);

        private RedriveBatch Batch(CollectingListener listener, int canaries, bool preview = false, bool askInInputOrder = false)
            => new RedriveBatch(client, new RedriveBatchOptions { Method = RedriveMethod.Redrive, Resume = true, Canaries = canaries, CanaryWait = new ResumedRunWait(Interval), Preview = preview, AskInInputOrder = askInInputOrder }, new TransientRetry(time: clock), listener, clock);

        private static RedriveAnswer AnswerFor(CollectingListener listener, string arn) => Assert.Single(listener.Answers, a => a.ExecutionArn == arn);

        /// <summary>Position of the first request of an operation that names the execution, in the order the endpoint received them.</summary>
        private int FirstRequest(string operation, string arn)
        {
            var requests = endpoint.Requests.ToList();
            return requests.FindIndex(r => r.Operation == operation && r.Body.Contains(arn, StringComparison.Ordinal));
        }

        private int LastRequest(string operation, string arn)
        {
            var requests = endpoint.Requests.ToList();
            return requests.FindLastIndex(r => r.Operation == operation && r.Body.Contains(arn, StringComparison.Ordinal));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task A_canary_that_fails_again_leaves_the_rest_of_its_machine_untouched_and_another_machine_goes_on(bool askInInputOrder)
        {
            var canary = Failed("Orders", "a", failsAgain: true);
            var billingCanary = Failed("Billing", "x");
            var b = Failed("Orders", "b");
            var y = Failed("Billing", "y");
            var c = Failed("Orders", "c");
            var listener = new CollectingListener();

            // Asked in input order (a prompting host), the executions held for their machine's canaries hold up nobody.
            var waits = await clock.AdvanceUntilAsync(Batch(listener, 1, askInInputOrder: askInInputOrder).RunAsync(new[] { canary, billingCanary, b, y, c }.Select(a => new RedriveTarget(a)), CancellationToken.None));

            Assert.Equal(5, listener.Answers.Count);
            Assert.All(waits, w => Assert.Equal(Interval, w));

            var failedAgain = AnswerFor(listener, canary);
            Assert.Equal((RedriveAnswerKind.Resumed, ResumeRole.Canary), (failedAgain.Kind, failedAgain.Role));
            Assert.True(failedAgain.Result!.Canary);
            Assert.Equal("FAILED", failedAgain.Result.Status);
            Assert.Equal("Charge", failedAgain.Result.FailurePoint!.FailedState);
            Assert.Equal("Lambda.TooManyRequestsException", failedAgain.Result.FailurePoint.Error);
            foreach (var untouched in new[] { b, c })
            {
                var answer = AnswerFor(listener, untouched);
                Assert.Equal(RedriveAnswerKind.Withheld, answer.Kind);
                Assert.Equal(canary, answer.Verdict!.CanaryExecutionArn);
                Assert.Same(failedAgain.Result, answer.Verdict.CanaryResult);
                Assert.False(server.Redrives.ContainsKey(untouched));
                Assert.Equal("FAILED", server.StatusOf(untouched));
            }

            Assert.Equal("SUCCEEDED", AnswerFor(listener, billingCanary).Result!.Status);
            Assert.Equal((RedriveAnswerKind.Resumed, ResumeRole.AfterCanary), (AnswerFor(listener, y).Kind, AnswerFor(listener, y).Role));
            Assert.Equal(1, server.Redrives[y]);
            Assert.DoesNotContain(listener.Approvals, a => a.Item.ExecutionArn == b || a.Item.ExecutionArn == c);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task The_others_are_asked_about_and_resumed_only_after_every_canary_succeeded(bool askInInputOrder)
        {
            var arns = Enumerable.Range(0, 5).Select(i => Failed("Orders", $"run-{i}")).ToArray();
            server.RunningPolls = 2;
            var listener = new CollectingListener();

            await clock.AdvanceUntilAsync(Batch(listener, 2, askInInputOrder: askInInputOrder).RunAsync(arns.Select(a => new RedriveTarget(a)), CancellationToken.None));

            Assert.Equal(arns.OrderBy(a => a), listener.Answers.Select(a => a.ExecutionArn).OrderBy(a => a));
            Assert.All(listener.Answers, a => Assert.Equal(RedriveAnswerKind.Resumed, a.Kind));
            Assert.All(arns, a => Assert.Equal(1, server.Redrives[a]));
            Assert.Equal(new[] { ResumeRole.Canary, ResumeRole.Canary }, arns.Take(2).Select(a => AnswerFor(listener, a).Role));
            Assert.All(arns.Skip(2), a => Assert.Equal(ResumeRole.AfterCanary, AnswerFor(listener, a).Role));
            Assert.All(arns.Take(2), a => Assert.Equal("SUCCEEDED", AnswerFor(listener, a).Result!.Status));
            Assert.All(arns.Skip(2), a => Assert.Equal("Started", AnswerFor(listener, a).Result!.Status));

            // Approvals: both canaries before any other; no other redrive before both canaries were seen to end.
            Assert.Equal(arns.Take(2).OrderBy(a => a), listener.Approvals.Take(2).Select(a => a.Item.ExecutionArn).OrderBy(a => a));
            var canariesEnded = arns.Take(2).Max(a => LastRequest("DescribeExecution", a));
            Assert.All(arns.Skip(2), a => Assert.True(FirstRequest("RedriveExecution", a) > canariesEnded, $"{a} was redriven before the canaries ended"));
            if (askInInputOrder)
            {
                Assert.Equal(arns, listener.Approvals.Select(a => a.Item.ExecutionArn));
            }
        }

        [Fact]
        public async Task A_declined_canary_gives_its_place_to_the_next_execution_of_its_machine()
        {
            var declined = Failed("Orders", "declined");
            var next = Failed("Orders", "next");
            var last = Failed("Orders", "last");
            var listener = new CollectingListener((item, _) => item.ExecutionArn != declined);

            await clock.AdvanceUntilAsync(Batch(listener, 1).RunAsync(new[] { declined, next, last }.Select(a => new RedriveTarget(a)), CancellationToken.None));

            Assert.Equal(RedriveAnswerKind.Declined, AnswerFor(listener, declined).Kind);
            Assert.Equal((RedriveAnswerKind.Resumed, ResumeRole.Canary), (AnswerFor(listener, next).Kind, AnswerFor(listener, next).Role));
            Assert.Equal((RedriveAnswerKind.Resumed, ResumeRole.AfterCanary), (AnswerFor(listener, last).Kind, AnswerFor(listener, last).Role));
            Assert.False(server.Redrives.ContainsKey(declined));
            Assert.True(FirstRequest("RedriveExecution", last) > LastRequest("DescribeExecution", next));
        }

        [Fact]
        public async Task In_a_preview_the_canaries_are_named_nothing_waits_and_nothing_changes()
        {
            var arns = Enumerable.Range(0, 3).Select(i => Failed("Orders", $"run-{i}")).ToArray();
            var listener = new CollectingListener((_, _) => false);

            var waits = await clock.AdvanceUntilAsync(Batch(listener, 1, preview: true).RunAsync(arns.Select(a => new RedriveTarget(a)), CancellationToken.None));

            Assert.Empty(waits);
            Assert.Equal(0, endpoint.Count("RedriveExecution"));
            Assert.All(listener.Answers, a => Assert.Equal(RedriveAnswerKind.Declined, a.Kind));
            var roles = listener.Approvals.ToDictionary(a => a.Item.ExecutionArn, a => a.Role);
            Assert.Equal(new[] { ResumeRole.Canary, ResumeRole.AfterCanary, ResumeRole.AfterCanary }, arns.Select(a => roles[a]));
        }

        [Fact]
        public async Task Progress_shows_the_canary_phase_while_the_canary_runs()
        {
            var arns = Enumerable.Range(0, 3).Select(i => Failed("Orders", $"run-{i}")).ToArray();
            var listener = new CollectingListener();

            await clock.AdvanceUntilAsync(Batch(listener, 1).RunAsync(arns.Select(a => new RedriveTarget(a)), CancellationToken.None));

            Assert.Contains(listener.Reports, r => r.Phase.StartsWith("Canaries", StringComparison.Ordinal) && r.Total == 1);
            Assert.Contains(("Resuming", 3, 3), listener.Reports);
        }
    }
}
