using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3;
using SfnResume.Aws;
using SfnResume.Aws.Logs;
using SfnResume.GoTo.Distributed;
using SfnResume.MapRuns;

namespace SfnResume.Redrive
{
    /// <summary>
    /// Resumes many failed executions, each as soon as it arrives, and answers each exactly once
    /// (<see cref="IRedriveBatchListener.Answer"/>). <see cref="Add"/> starts one on the thread pool: the
    /// <see cref="RedrivePlanner"/> plans it by reading only; with canaries, the <see cref="CanaryGate"/> lets
    /// it through as a canary, holds it until its machine's canaries succeeded, or withholds it; the listener
    /// approves it (the cmdlet's ShouldProcess; with <see cref="RedriveBatchOptions.AskInInputOrder"/> in the order
    /// the executions came, see <see cref="AskingOrder"/>); the <see cref="RedriveExecutor"/> redrives or starts it. The
    /// <see cref="ResumedRunWatcher"/> follows the canaries, and with a wait the other runs at the end.
    /// <see cref="CompleteAsync"/> finishes once every execution added is answered.
    /// <para>Calls per execution: RedriveExecution alone when ListExecutions' item came with it, with a
    /// DescribeExecution before it for a bare ARN; for a GoTo resume GetExecutionHistory (one page when the
    /// failure is in the last 1,000 events) and StartExecution. Calls per state machine, however many executions
    /// and in whatever order they come: one DescribeStateMachine, one DescribeStateMachineForExecution per
    /// distinct definition the executions ran (only to check redrive would run the current one), one
    /// CreateStateMachine for the GoTo copy. Every call is retried on throttling and 5xx, and paced by the
    /// account's <see cref="Aws.Pacing.RequestPacer"/>; at most <see cref="RedriveBatchOptions.ThrottleLimit"/>
    /// run at a time, and the calls that finish an execution go before the calls that begin planning another.</para>
    /// <para>With <see cref="RedriveBatchOptions.Preflight"/>, one TestState call more per distinct resume (definition,
    /// state, input and variables), after the plan and before the item is answered or approved.</para>
    /// </summary>
    public sealed class RedriveBatch
    {
        /// <summary>The phase of <see cref="IRedriveBatchListener.Progress"/> while the resumed runs are followed to their end.</summary>
        public const string WaitingPhase = "Waiting for the resumed runs";

        /// <summary>The phase of <see cref="IRedriveBatchListener.Progress"/> while a failed Distributed Map's children are read for a precise GoTo resume.</summary>
        public const string MapRunPhase = "Reading the Map Run's children";

        private readonly RedriveBatchOptions options;
        private readonly IRedriveBatchListener listener;
        private readonly RedrivePlanner planner;
        private readonly RedriveExecutor executor;
        private readonly ResumedRunWatcher watcher;
        private readonly BatchAnswers answers;
        private readonly CanaryGate? canaries;
        private readonly AskingOrder? asking;
        private readonly List<Task> running = new List<Task>();
        private readonly List<(ResumedRun Run, ResumeRole Role)> toWaitFor = new List<(ResumedRun, ResumeRole)>();
        private readonly HashSet<string> noticed = new HashSet<string>(StringComparer.Ordinal);
        private int added;
        private int finished;

        /// <param name="retry">How each call is retried; it counts the retries for the caller's summary.</param>
        /// <param name="time">The clock of waits and of the 14-day redrive window; the system's when omitted.</param>
        /// <param name="logs">CloudWatch Logs, made on first use: Express executions are planned and followed from their log group. Null: they are skipped (NotStandard).</param>
        /// <param name="s3">S3, made on first use: a failed Distributed Map's items are read and the file of items to re-run written, so a GoTo resume runs only what did not succeed. Null: such a Map re-runs whole.</param>
        public RedriveBatch(IStepFunctionsClient client, RedriveBatchOptions options, TransientRetry retry, IRedriveBatchListener listener, TimeProvider? time = null, Func<ICloudWatchLogsClient>? logs = null, Func<IAmazonS3>? s3 = null)
        {
            time ??= TimeProvider.System;
            this.options = options;
            this.listener = listener;
            var calls = new BatchCalls(options.ThrottleLimit, retry);
            var logsClient = logs == null ? null : new Lazy<ICloudWatchLogsClient>(logs);
            var itemFiles = s3 == null ? null : new Lazy<ItemFileStore>(() => new ItemFileStore(s3()));
            Func<ItemFileStore>? store = itemFiles == null ? null : () => itemFiles.Value;
            planner = new RedrivePlanner(client, options.Method, calls, retry, time, options.Preflight,
                logsClient == null ? null : (request, ct) => calls.RunAsync(c => logsClient.Value.FilterLogEventsAsync(request, c), ct),
                new DistributedMapRunReader(new MapRunReader(client, retry, logs: logsClient == null ? null : () => logsClient.Value), store), options.ItemFileLocation,
                (item, done, total) => listener.Progress($"{MapRunPhase} of {item.FailurePoint?.ExecutionName}", done, (int)(total ?? done)));
            executor = new RedriveExecutor(client, calls, store);
            watcher = new ResumedRunWatcher(client, options.ThrottleLimit, retry, time, NoticeOnce,
                logsClient == null ? null : (request, ct) => retry.RunAsync(c => logsClient.Value.FilterLogEventsAsync(request, c), ct));
            answers = new BatchAnswers(listener);
            asking = options.Resume && options.AskInInputOrder ? new AskingOrder() : null;
            canaries = options.Resume && options.Canaries > 0 ? new CanaryGate(options.Canaries, options.Preview, asking) : null;
        }

        /// <summary>Tells the listener once, however many executions meet the same reason.</summary>
        private void NoticeOnce(string message)
        {
            lock (noticed)
            {
                if (!noticed.Add(message))
                {
                    return;
                }
            }

            listener.Notice(message);
        }

        /// <summary>Starts on one execution at once; its answer comes to the listener, from a worker thread. Call from one thread.</summary>
        public void Add(RedriveTarget target, CancellationToken cancellationToken)
        {
            var item = new RedrivePlanItem(target);
            var index = Interlocked.Increment(ref added) - 1;
            answers.Expect(item);
            planner.Expect();
            asking?.Arrived(index);

            // Not started with the token: a cancelled item still leaves the planner knowing it came.
            var work = Task.Run(() => RunItemAsync(item, index, cancellationToken), CancellationToken.None);
            lock (running)
            {
                running.Add(work);
            }
        }

        /// <summary>
        /// No more executions will come: finishes once every one added is answered, after following the resumed
        /// runs to their end when the options say to wait.
        /// </summary>
        public async Task CompleteAsync(CancellationToken cancellationToken = default)
        {
            planner.InputEnded();
            canaries?.InputEnded(Volatile.Read(ref added));
            Task[] all;
            lock (running)
            {
                all = running.ToArray();
            }

            await Task.WhenAll(all).ConfigureAwait(false);
            if (options.Wait != null && toWaitFor.Count > 0)
            {
                var roles = toWaitFor.ToDictionary(w => w.Run, w => w.Role);
                listener.Progress(WaitingPhase, 0, toWaitFor.Count);
                await watcher.WaitAsync(
                    toWaitFor.Select(w => w.Run).ToList(),
                    options.Wait,
                    run => listener.Ended(run, roles[run]),
                    (done, total) => listener.Progress(WaitingPhase, done, total),
                    cancellationToken).ConfigureAwait(false);
            }

            answers.AnswerTheRest();
        }

        /// <summary>Adds every target and completes.</summary>
        public Task RunAsync(IEnumerable<RedriveTarget> targets, CancellationToken cancellationToken)
        {
            foreach (var target in targets)
            {
                Add(target, cancellationToken);
            }

            return CompleteAsync(cancellationToken);
        }

        private async Task RunItemAsync(RedrivePlanItem item, int index, CancellationToken cancellationToken)
        {
            var role = ResumeRole.Ordinary;
            try
            {
                try
                {
                    await planner.PlanAsync(item, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
                {
                    item.Fail(e);
                }

                var resumable = options.Resume && item.Method != null && !item.AlreadyResumed;
                var ticket = canaries == null ? CanaryTicket.Ordinary : await canaries.EnterAsync(index, item, resumable, cancellationToken).ConfigureAwait(false);
                if (!resumable)
                {
                    var answer = NotResumed(item, role);
                    answers.Give(answer);
                    FollowIfStillGoing(item, answer);
                    return;
                }

                if (ticket.Withheld != null)
                {
                    answers.Give(RedriveAnswer.Withheld(item, ticket.Withheld));
                    return;
                }

                role = ticket.Role;
                await ResumeAsync(item, index, role, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
            {
                if (role == ResumeRole.Canary)
                {
                    canaries!.End(item, null, e);
                }

                answers.Give(RedriveAnswer.Failed(item, e, role));
            }
            finally
            {
                asking?.Done(index);
                Interlocked.Increment(ref finished);
                ReportProgress();
            }
        }

        /// <summary>An item that will not be resumed: its planning error, or its plan (skipped, planned, already resumed).</summary>
        private static RedriveAnswer NotResumed(RedrivePlanItem item, ResumeRole role)
            => item.Error != null ? RedriveAnswer.Failed(item, item.Error, role) : RedriveAnswer.Planned(item, role);

        /// <summary>
        /// Asks, then redrives or starts one planned execution. A redrive planned from a ListExecutions item alone
        /// may be refused for what the list does not show (a history of 24,999 events or more): with -Method
        /// Auto it then takes the GoTo path, and is asked about again, since that is another change.
        /// </summary>
        private async Task ResumeAsync(RedrivePlanItem item, int index, ResumeRole role, CancellationToken cancellationToken)
        {
            bool approved;
            if (asking != null)
            {
                await asking.TurnAsync(index, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                approved = await listener.ApproveAsync(item, role, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                asking?.Done(index);
            }

            if (!approved)
            {
                Release(item, role);
                answers.Give(RedriveAnswer.Declined(item, role));
                return;
            }

            ResumedRun run;
            try
            {
                run = await executor.ResumeAsync(item, cancellationToken).ConfigureAwait(false);
            }
            catch (StepFunctionsException e) when (e.ErrorCode == "ExecutionNotRedrivable" && item.VerdictFromList && item.Method == RedriveMethod.Redrive)
            {
                if (await planner.RedrivenSinceListedAsync(item, cancellationToken).ConfigureAwait(false))
                {
                    // A stale list: it was redriven after it was listed (by an earlier run of this command, whose
                    // token has expired since), and that redrive carries on.
                    Release(item, role);
                    answers.Give(RedriveAnswer.Planned(item, role));
                    return;
                }

                if (!await planner.ReplanRefusedAsync(item, e, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }

                await ResumeReplannedAsync(item, index, role, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (StepFunctionsException e) when (item.Method == RedriveMethod.Redrive && RedriveUnavailable(e))
            {
                if (!await planner.ReplanWithoutRedriveAsync(item, e, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }

                await ResumeReplannedAsync(item, index, role, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (item.Copy?.Plan.TagsNotCopied is { } untagged)
            {
                NoticeOnce(untagged);
            }

            run.Result.Canary = role == ResumeRole.Canary;

            // Answered as soon as the change is made, even when the run is followed: a command stopped while it
            // waits (Ctrl+C) has then written the record of every change it made. The wait fills in the same result.
            answers.Give(RedriveAnswer.Resumed(run, role));
            if (role == ResumeRole.Canary)
            {
                ReportProgress();
                await watcher.WaitAsync(new[] { run }, options.CanaryWait, _ => { }, null, cancellationToken).ConfigureAwait(false);
                canaries!.End(item, run.Result, null);
                listener.Ended(run, role);
            }
            else if (options.Wait != null)
            {
                lock (toWaitFor)
                {
                    toWaitFor.Add((run, role));
                }
            }
        }

        /// <summary>
        /// With a wait, a run an earlier command started (AlreadyResumed) and still going is followed too: running
        /// the same command again with -Wait, after a wait that was stopped or timed out, waits for what it began.
        /// </summary>
        private void FollowIfStillGoing(RedrivePlanItem item, RedriveAnswer answer)
        {
            if (options.Wait == null || options.Preview || !options.Resume || answer.Result?.Status != "AlreadyResumed" || answer.Result.ResumedStatus != "RUNNING" || answer.Result.ResumedExecutionArn == null)
            {
                return;
            }

            lock (toWaitFor)
            {
                toWaitFor.Add((new ResumedRun(item, answer.Result), ResumeRole.Ordinary));
            }
        }

        /// <summary>
        /// An endpoint that does not know RedriveExecution at all, which AWS answers everywhere: an emulator.
        /// stepfunctions-local answers 400 with the bare text "InvalidAction" (no error code: AWS's errors always
        /// carry one); others name the operation unknown.
        /// </summary>
        private static bool RedriveUnavailable(StepFunctionsException e)
            => e.ErrorCode == "InvalidAction" || e.ErrorCode == "UnknownOperationException"
            || (string.IsNullOrEmpty(e.ErrorCode) && e.StatusCode == System.Net.HttpStatusCode.BadRequest);

        /// <summary>A redrive turned GoTo: resumed on that path, asked about again (another change), or answered when nothing is left to do.</summary>
        private async Task ResumeReplannedAsync(RedrivePlanItem item, int index, ResumeRole role, CancellationToken cancellationToken)
        {
            if (item.Method == null || item.AlreadyResumed)
            {
                Release(item, role);
                answers.Give(NotResumed(item, role));
                return;
            }

            await ResumeAsync(item, index, role, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>A canary that will not run after all gives its place to the next execution of its machine.</summary>
        private void Release(RedrivePlanItem item, ResumeRole role)
        {
            if (role == ResumeRole.Canary)
            {
                canaries!.Release(item);
            }
        }

        private void ReportProgress()
        {
            if (canaries != null && canaries.Waiting)
            {
                listener.Progress("Canaries: waiting for the first runs of each state machine to end", canaries.Ended, canaries.Chosen);
            }
            else
            {
                listener.Progress(options.Resume ? "Resuming" : "Planning", Volatile.Read(ref finished), Volatile.Read(ref added));
            }
        }
    }
}
