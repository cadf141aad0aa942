using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.Redrive;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Redrive
{
    /// <summary>
    /// Following resumed runs (-Wait, and canaries) on a clock the test moves: each look comes one poll interval
    /// after the last, nothing is looked at in between, the timeout cuts the last wait short, and a cancel ends
    /// the wait at once. No test here sleeps; each one knows the watcher is idle because it started a wait.
    /// </summary>
    public sealed class ResumedRunWatcherTests : IDisposable
    {
        private static readonly DateTime Now = DateTime.UtcNow;
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

        private readonly RedriveServer server = new RedriveServer();
        private readonly LoopbackEndpoint endpoint;
        private readonly StepFunctionsClient client;
        private readonly ManualClock clock = new ManualClock(Now);

        public ResumedRunWatcherTests()
        {
            server.AddMachine("Orders", OrdersMachine.Definition, Now.AddDays(-400));
            endpoint = new LoopbackEndpoint(server.Handle);
            client = TestClients.For(endpoint.Url, maxErrorRetry: 0);
        }

        public void Dispose()
        {
            client.Dispose();
            endpoint.Dispose();
        }

        private int Looks => endpoint.Count("DescribeExecution");

        private ResumedRunWatcher Watcher() => new ResumedRunWatcher(client, 4, new TransientRetry(time: clock), clock, Notices.Enqueue);

        /// <summary>What the watcher said it did less than it could.</summary>
        private System.Collections.Concurrent.ConcurrentQueue<string> Notices { get; } = new System.Collections.Concurrent.ConcurrentQueue<string>();

        /// <summary>A failed execution, redriven on the server so that it runs, as the batch would hand it over.</summary>
        private async Task<ResumedRun> RedrivenRunAsync(string name)
        {
            var arn = server.AddExecution("Orders", name, Now.AddHours(-2), Now.AddHours(-1), OrdersMachine.FailedAtCharge());
            await client.RedriveExecutionAsync(new RedriveExecutionRequest { ExecutionArn = arn, ClientToken = RedriveClientToken.For(arn, 0) });
            var item = new RedrivePlanItem(new RedriveTarget(arn)) { Method = RedriveMethod.Redrive };
            var result = new RedriveResult { ExecutionArn = arn, ResumedExecutionArn = arn, StateMachineArn = RedriveServer.MachineArn("Orders"), RedriveCount = 1, Status = "Started" };
            return new ResumedRun(item, result);
        }

        [Fact]
        public async Task Each_look_comes_one_poll_interval_after_the_last_and_nothing_is_looked_at_in_between()
        {
            var run = await RedrivenRunAsync("slow");
            server.RunningPolls = 2;
            var ended = new ConcurrentQueue<ResumedRun>();

            var waiting = Watcher().WaitAsync(new[] { run }, new ResumedRunWait(Interval), ended.Enqueue, null, CancellationToken.None);

            // Two looks see it running, the third sees it end: three waits of one interval, each begun only after
            // the look before it, and no look while a wait is on.
            for (var look = 0; look < 3; look++)
            {
                Assert.Equal(Interval, await clock.NextWaitAsync());
                Assert.Equal(look, Looks);
                Assert.Empty(ended);
                clock.Advance(Interval);
            }

            await waiting;
            Assert.Equal(3, Looks);
            Assert.Equal(0, clock.UntakenWaits);
            Assert.Equal(TimeSpan.FromSeconds(15), clock.Moved);
            Assert.Equal("SUCCEEDED", Assert.Single(ended).Result.Status);
        }

        [Fact]
        public async Task The_timeout_shortens_the_last_wait_and_reports_the_run_still_running()
        {
            var run = await RedrivenRunAsync("forever");
            server.RunningPolls = int.MaxValue;
            var ended = new ConcurrentQueue<ResumedRun>();

            var waiting = Watcher().WaitAsync(new[] { run }, new ResumedRunWait(Interval, TimeSpan.FromSeconds(12)), ended.Enqueue, null, CancellationToken.None);
            var waits = new List<TimeSpan>();
            for (var look = 0; look < 3; look++)
            {
                waits.Add(await clock.NextWaitAsync());
                clock.Advance(waits[^1]);
            }

            await waiting;
            Assert.Equal(new[] { Interval, Interval, TimeSpan.FromSeconds(2) }, waits);
            Assert.Equal(3, Looks);
            Assert.Equal("RUNNING", Assert.Single(ended).Result.Status);
        }

        [Fact]
        public async Task A_cancel_during_a_wait_ends_it_at_once_and_nothing_more_is_looked_at()
        {
            var run = await RedrivenRunAsync("stopped");
            server.RunningPolls = int.MaxValue;
            using var stop = new CancellationTokenSource();
            var ended = new ConcurrentQueue<ResumedRun>();

            var waiting = Watcher().WaitAsync(new[] { run }, new ResumedRunWait(Interval), ended.Enqueue, null, stop.Token);
            await clock.NextWaitAsync();
            clock.Advance(Interval);
            await clock.NextWaitAsync();
            stop.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            clock.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(1, Looks);
            Assert.Empty(ended);
        }

        [Fact]
        public async Task Many_runs_of_one_machine_cost_one_list_a_look_and_a_describe_each_only_when_they_end()
        {
            var runs = new List<ResumedRun>();
            for (var i = 0; i < 5; i++)
            {
                runs.Add(await RedrivenRunAsync($"run-{i}"));
            }

            server.RunningPolls = 2;
            var ended = new ConcurrentQueue<ResumedRun>();
            var progress = new ConcurrentQueue<(int Done, int Total)>();

            var waiting = Watcher().WaitAsync(runs, new ResumedRunWait(Interval), ended.Enqueue, (done, total) => progress.Enqueue((done, total)), CancellationToken.None);
            var waits = await clock.AdvanceUntilAsync(waiting);

            Assert.Equal(new[] { Interval, Interval, Interval }, waits);
            Assert.Equal(5, ended.Count);
            Assert.All(ended, r => Assert.Equal("SUCCEEDED", r.Result.Status));
            Assert.Equal(3, endpoint.Count("ListExecutions"));
            Assert.Equal(5, Looks);
            Assert.Equal((5, 5), progress.Last());
        }
    }
}
