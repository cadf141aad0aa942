using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.History;
using SfnResume.Json;
using SfnResume.Preflight;

namespace SfnResume.Redrive
{
    /// <summary>
    /// Resumes many failed executions, each as soon as it arrives: <see cref="Add"/> starts planning it
    /// (reads only), asks <see cref="Approve"/> (the cmdlet's ShouldProcess), then redrives or starts it, while
    /// later executions are still arriving. <see cref="CompleteAsync"/> waits for every execution added;
    /// <see cref="WaitAsync"/> then polls until the resumed runs end.
    /// <para>Calls per execution: RedriveExecution alone when ListExecutions' item came with it, with a
    /// DescribeExecution before it for a bare ARN; for a GoTo resume GetExecutionHistory (one page when the
    /// failure is in the last 1,000 events) and StartExecution. Calls per state machine, however many executions
    /// and in whatever order they come: one DescribeStateMachine, one DescribeStateMachineForExecution per
    /// distinct definition the executions ran (only to check redrive would run the current one), one
    /// CreateStateMachine for the GoTo copy. Every call is retried on throttling and 5xx, and paced by the
    /// account's <see cref="Aws.Pacing.RequestPacer"/>; at most <c>throttleLimit</c> run at a time, and the calls that
    /// finish an execution go before the calls that begin planning another.</para>
    /// <para>With <see cref="Preflight"/>, one TestState call more per distinct resume (definition, state, input and
    /// variables), after the plan and before the item is reported or approved; see <c>PreflightAsync</c>.</para>
    /// </summary>
    public sealed class RedriveBatch
    {
        private readonly IStepFunctionsClient client;
        private readonly RedriveMethod method;
        private readonly int throttleLimit;
        private readonly TransientRetry retry;
        private readonly Func<DateTime> utcNow;
        private readonly FailurePointLocator locator = new FailurePointLocator();
        private readonly GoToCopyService copies;
        private readonly BatchCalls calls;
        private readonly PreflightService preflights;
        private readonly ConcurrentDictionary<string, StateMachineReads> machines = new ConcurrentDictionary<string, StateMachineReads>(StringComparer.Ordinal);
        private readonly List<Task> running = new List<Task>();
        private readonly TaskCompletionSource<bool> allArrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool inputEnded;
        private int added;
        private int toArrive;
        private int finished;

        public RedriveBatch(IStepFunctionsClient client, RedriveMethod method, int throttleLimit, TransientRetry retry, Func<DateTime>? utcNow = null)
        {
            this.client = client;
            this.method = method;
            this.throttleLimit = throttleLimit;
            this.retry = retry;
            this.utcNow = utcNow ?? (() => DateTime.UtcNow);
            copies = new GoToCopyService(client);
            calls = new BatchCalls(throttleLimit, retry);
            preflights = new PreflightService((request, ct) => calls.RunAsync(c => client.TestStateAsync(request, c), ct));
        }

        /// <summary>
        /// Check each planned resume with TestState before it is reported or approved (<see cref="RedrivePlanItem.Preflight"/>);
        /// nothing is invoked. Whether a failed check keeps a resume from going ahead is the approver's call.
        /// </summary>
        public bool Preflight { get; set; }

        /// <summary>Called from worker threads as work goes on: a phase, items done, items in the phase.</summary>
        public Action<string, int, int>? Progress { get; set; }

        /// <summary>
        /// Whether a planned execution may be resumed (the answer may take a while: a prompt). Null: the batch
        /// only plans, and reports every item to <see cref="Decided"/>.
        /// </summary>
        public Func<RedrivePlanItem, Task<bool>>? Approve { get; set; }

        /// <summary>An item that will not be resumed: skipped (see its Reasons), failed to plan (its Error), or only planned.</summary>
        public Action<RedrivePlanItem>? Decided { get; set; }

        /// <summary>An item redriven or started.</summary>
        public Action<ResumedRun>? Resumed { get; set; }

        /// <summary>An approved item whose redrive or start failed; the others go on.</summary>
        public Action<RedrivePlanItem, Exception>? ResumeFailed { get; set; }

        /// <summary>Starts on one execution at once; outcomes go to the callbacks, from worker threads.</summary>
        public void Add(RedriveTarget target, CancellationToken cancellationToken)
        {
            var item = new RedrivePlanItem(target);
            Interlocked.Increment(ref added);
            Interlocked.Increment(ref toArrive);
            var work = Task.Run(() => RunItemAsync(item, cancellationToken), cancellationToken);
            lock (running)
            {
                running.Add(work);
            }
        }

        /// <summary>No more executions will come; finishes once every one added is resumed or reported.</summary>
        public Task CompleteAsync()
        {
            inputEnded = true;
            if (Volatile.Read(ref toArrive) == 0)
            {
                allArrived.TrySetResult(true);
            }

            lock (running)
            {
                return Task.WhenAll(running.ToArray());
            }
        }

        /// <summary>Adds every target and waits for them all.</summary>
        public Task RunAsync(IEnumerable<RedriveTarget> targets, CancellationToken cancellationToken)
        {
            foreach (var target in targets)
            {
                Add(target, cancellationToken);
            }

            return CompleteAsync();
        }

        /// <summary>What the plan says for one execution, as Test-SfnRedrive shows it.</summary>
        public static RedriveResult PlannedResult(RedrivePlanItem item)
        {
            var result = ResultFor(item);
            result.Status = item.AlreadyResumed ? "AlreadyResumed" : item.Method == null ? "Skipped" : "Planned";
            return result;
        }

        /// <summary>
        /// What the operator should hear before a GoTo item is resumed, or when it is only planned: each way its
        /// run would repeat work the failed run had finished (the result's PrecisionNote, sentence by sentence).
        /// Empty for a redrive or a skip.
        /// </summary>
        public static IReadOnlyList<string> PrecisionWarnings(RedrivePlanItem item)
            => (item.Method == RedriveMethod.GoTo ? StartFor(item)?.Warnings : null) ?? Array.Empty<string>();

        /// <summary>
        /// Polls the resumed runs until each ends or <paramref name="timeout"/> passes, and reports each when it
        /// ends (with its new failure point when it failed again) or, at the timeout, as still RUNNING.
        /// </summary>
        public async Task WaitAsync(IReadOnlyList<ResumedRun> runs, TimeSpan? timeout, TimeSpan pollInterval, Action<ResumedRun> ended, CancellationToken cancellationToken)
        {
            var deadline = timeout.HasValue ? utcNow() + timeout.Value : DateTime.MaxValue;
            var pending = runs.ToList();
            var total = pending.Count;
            while (pending.Count > 0)
            {
                var wait = deadline - utcNow();
                if (wait <= TimeSpan.Zero)
                {
                    foreach (var run in pending)
                    {
                        run.Result.Status = "RUNNING";
                        ended(run);
                    }

                    return;
                }

                await Task.Delay(wait < pollInterval ? wait : pollInterval, cancellationToken).ConfigureAwait(false);
                var finished = new List<ResumedRun>();
                var toCheck = await NotListedAsRunningAsync(pending, cancellationToken).ConfigureAwait(false);
                await BoundedParallel.ForEachAsync(toCheck, throttleLimit, async (run, ct) =>
                {
                    bool hasEnded;
                    try
                    {
                        hasEnded = await HasEndedAsync(run, ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (IsItemFailure(e, ct))
                    {
                        // The run goes on; only following it failed (no permission, say). Report it as it stands.
                        run.Result.Reason = $"The resumed run could not be followed: {e.Message}";
                        hasEnded = true;
                    }

                    if (hasEnded)
                    {
                        lock (finished)
                        {
                            finished.Add(run);
                        }

                        ended(run);
                    }
                }, cancellationToken).ConfigureAwait(false);
                pending.RemoveAll(finished.Contains);
                Progress?.Invoke("Waiting for the resumed runs", total - pending.Count, total);
            }
        }

        /// <summary>
        /// The runs a poll round must describe: one ListExecutions (RUNNING; REDRIVEN for redrives) per state
        /// machine names those still running, so only the others (ended, or too new to be listed yet) cost a
        /// DescribeExecution each. A thousand runs cost one call a round, not a thousand. A machine with a
        /// single run, or whose executions cannot be listed (no permission), is followed run by run.
        /// </summary>
        private async Task<IReadOnlyList<ResumedRun>> NotListedAsRunningAsync(List<ResumedRun> pending, CancellationToken cancellationToken)
        {
            var toCheck = new List<ResumedRun>();
            foreach (var group in pending.GroupBy(r => (Machine: r.Result.StateMachineArn, Redriven: r.Item.Method == RedriveMethod.Redrive)))
            {
                var runs = group.ToList();
                if (runs.Count < 2 || group.Key.Machine == null)
                {
                    toCheck.AddRange(runs);
                    continue;
                }

                var running = new HashSet<string>(StringComparer.Ordinal);
                try
                {
                    var request = new ListExecutionsRequest { StateMachineArn = group.Key.Machine, StatusFilter = "RUNNING", RedriveFilter = group.Key.Redriven ? "REDRIVEN" : null, MaxResults = 1000 };
                    await foreach (var page in StepFunctionsPaging.ListExecutionsPagesAsync(client, request, cancellationToken).ConfigureAwait(false))
                    {
                        running.UnionWith(page.Executions.Select(e => e.ExecutionArn));
                    }
                }
                catch (Exception e) when (IsItemFailure(e, cancellationToken))
                {
                    toCheck.AddRange(runs);
                    continue;
                }

                toCheck.AddRange(runs.Where(r => r.Result.ResumedExecutionArn == null || !running.Contains(r.Result.ResumedExecutionArn)));
            }

            return toCheck;
        }

        private static RedriveResult ResultFor(RedrivePlanItem item)
        {
            var start = item.Method == RedriveMethod.GoTo ? StartFor(item) : null;
            return new RedriveResult
            {
                ExecutionArn = item.ExecutionArn,
                Method = item.Method?.ToString() ?? "None",
                StateMachineArn = item.Method == RedriveMethod.GoTo ? item.Copy?.CopyArn : item.Execution?.StateMachineArn,
                ResumeState = item.Method == RedriveMethod.GoTo ? item.FailurePoint?.ResumeState : null,
                Precision = start?.Plan.Precision.ToString(),
                PrecisionNote = start?.Plan.Reason,
                PrecisionCodes = start?.Plan.Codes ?? (IReadOnlyList<string>)Array.Empty<string>(),
                RedriveCount = item.AlreadyRedriven?.RedriveCount ?? item.Execution?.RedriveCount ?? 0,
                Reason = item.Reasons.Count == 0 ? null : string.Join(" ", item.Reasons.Select(r => r.Message)),
                ReasonCodes = item.Reasons.Select(r => r.Code).ToList(),
                Attempt = item.Method == RedriveMethod.GoTo ? item.Resumes?.Attempt : null,
                ResumedExecutionArn = item.AlreadyRedriven?.ExecutionArn ?? (item.AlreadyResumed ? item.Resumes!.Latest!.ExecutionArn : null),
                ResumedStatus = item.AlreadyRedriven?.Status ?? (item.AlreadyResumed ? item.Resumes!.Latest!.Status : null),
                Preflight = item.Preflight,
            };
        }

        /// <summary>
        /// With <see cref="Preflight"/>: a planned GoTo resume's state is run by TestState on the input it would
        /// be given (the copy hands it exactly that, and restores the same variables), in the current definition
        /// the copy is made of. A redrive re-runs what the execution ran and is not checked; a failure to check
        /// does not fail the item.
        /// </summary>
        private async Task PreflightAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            if (!Preflight || item.Method == null || item.AlreadyResumed)
            {
                return;
            }

            if (item.Method == RedriveMethod.Redrive)
            {
                item.Preflight = PreflightOutcome.ForRedrive;
                return;
            }

            var point = item.FailurePoint!;
            try
            {
                item.Preflight = await preflights.CheckAsync(new PreflightSubject(item.Copy!.Plan.OriginalDefinition, point.ResumeState!, point.ResumeInput, point.Variables), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsItemFailure(e, cancellationToken))
            {
                item.Preflight = PreflightOutcome.NotTestable(point.ResumeState, PreflightCodes.CallFailed, $"The preflight could not be made: {e.Message}");
            }
        }

        /// <summary>
        /// The GoTo start of an item whose failure point and copy are known: precise inside Parallel and Map
        /// (what succeeded replays its recorded output, only the rest runs), worked out once for the plan
        /// (Test-SfnRedrive shows it) and the start.
        /// </summary>
        private static ResumeStart? StartFor(RedrivePlanItem item)
        {
            if (item.Start == null && item.FailurePoint?.ResumeState != null && item.FailurePoint.InputKnown && item.Copy != null)
            {
                item.Start = ResumeRequest.FromFailurePoint(item.FailurePoint, null, inputGiven: false, offline: true)
                    .Start(null, null, item.Copy.Plan.Copy, item.Copy.Current, ResumePrecision.Precise);
            }

            return item.Start;
        }

        /// <summary>
        /// Failures that concern one item: AWS errors, unreadable histories and definitions, calls that stayed
        /// throttled, and anything unexpected (a bug, reported for that execution while the others go on).
        /// Only cancellation and the runtime failing end the batch.
        /// </summary>
        private static bool IsItemFailure(Exception e, CancellationToken cancellationToken)
            => !(e is OperationCanceledException && cancellationToken.IsCancellationRequested) && !(e is OutOfMemoryException);

        private async Task RunItemAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            try
            {
                try
                {
                    await PlanAsync(item, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    Arrived(item);
                }

                await PreflightAsync(item, cancellationToken).ConfigureAwait(false);
                if (Approve == null || item.Method == null || item.AlreadyResumed)
                {
                    Decided?.Invoke(item);
                }
                else
                {
                    await ResumeAsync(item, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                Progress?.Invoke(Approve == null ? "Planning" : "Resuming", Interlocked.Increment(ref finished), Volatile.Read(ref added));
            }
        }

        /// <summary>Reads what the plan of one execution needs and decides; nothing changes on AWS. Failures land in the item.</summary>
        private async Task PlanAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            if (ExecutionArns.IsExpress(item.ExecutionArn))
            {
                item.Skip(new RedriveReason("NotStandard", "Express executions can be neither redriven nor resumed from their history: Step Functions keeps none for them."));
                return;
            }

            if (item.Target.Listed != null)
            {
                item.Execution = Described(item.Target.Listed);
                item.VerdictFromList = true;
            }
            else
            {
                try
                {
                    item.Execution = await calls.RunAsync(ct => client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = item.ExecutionArn, IncludedData = "METADATA_ONLY" }, ct), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (IsItemFailure(e, cancellationToken))
                {
                    item.Fail(e);
                    return;
                }
            }

            Choose(item, item.Execution);
            if (item.Method == null)
            {
                return;
            }

            if (item.AwaitsDefinitionCheck)
            {
                await CheckRanDefinitionAsync(item, MachineOf(item), cancellationToken).ConfigureAwait(false);
            }

            if (item.Method == RedriveMethod.GoTo)
            {
                await PlanGoToAsync(item, cancellationToken).ConfigureAwait(false);
            }
            else if (item.Method == RedriveMethod.Redrive)
            {
                item.ClientToken = RedriveClientToken.For(item.ExecutionArn, item.Execution.RedriveCount ?? 0);
            }
        }

        /// <summary>
        /// Redrive re-runs the definition the execution started with: when the state machine's definition changed
        /// since, a GoTo copy of the current one resumes it instead. Without the definitions (no permission),
        /// the redrive goes ahead on AWS's verdict alone.
        /// </summary>
        private async Task CheckRanDefinitionAsync(RedrivePlanItem item, StateMachineReads machine, CancellationToken cancellationToken)
        {
            RanDefinition? ran;
            try
            {
                ran = await machine.RanDefinitionAsync(item.Execution!, () => Arrived(item), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsItemFailure(e, cancellationToken))
            {
                return;
            }

            if (ran == null)
            {
                return;
            }

            item.RanDefinition = ran.Parsed;
            if (!ran.IsCurrent)
            {
                item.Method = RedriveMethod.GoTo;
                item.AddReasons(new[] { new RedriveReason("DefinitionChanged", "The state machine's definition changed since the execution ran; redrive would re-run the old one, so a GoTo copy of the current definition resumes it.") });
            }
        }

        /// <summary>The GoTo copy of the state machine (shared by its executions) and where this execution failed.</summary>
        private async Task PlanGoToAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            try
            {
                item.Copy = await MachineOf(item).CopyAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsItemFailure(e, cancellationToken))
            {
                item.Fail(e);
                return;
            }

            if (await FindResumesAsync(item, cancellationToken).ConfigureAwait(false) && !item.AlreadyResumed)
            {
                await LocateFailureAsync(item, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The GoTo resumes of the execution that exist on the copy (see <see cref="ResumedRunLookup"/>): a
        /// DescribeExecution per existing attempt and one more. The batch does not know whether the copy exists
        /// (CreateStateMachine answers an identical copy as if it made it), so it always asks.
        /// </summary>
        private async Task<bool> FindResumesAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            try
            {
                item.Resumes = await ResumedRunLookup.FindAsync(item.ExecutionArn, item.Copy!.CopyArn, (request, ct) => calls.RunAsync(c => client.DescribeExecutionAsync(request, c), ct), cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (IsItemFailure(e, cancellationToken))
            {
                item.Fail(e);
                return false;
            }
        }

        /// <summary>
        /// Asks, then redrives or starts one planned execution. A redrive planned from a ListExecutions item alone
        /// may be refused for what the list does not show (a history of 24,999 events or more): with -Method
        /// Auto it then takes the GoTo path, and is asked about again, since that is another change.
        /// </summary>
        private async Task ResumeAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            if (!await Approve!(item).ConfigureAwait(false))
            {
                return;
            }

            ResumedRun run;
            try
            {
                run = item.Method == RedriveMethod.Redrive ? await RedriveAsync(item, cancellationToken).ConfigureAwait(false) : await StartGoToAsync(item, cancellationToken).ConfigureAwait(false);
            }
            catch (StepFunctionsException e) when (e.ErrorCode == "ExecutionNotRedrivable" && item.VerdictFromList && item.Method == RedriveMethod.Redrive)
            {
                if (await RedrivenSinceListedAsync(item, cancellationToken).ConfigureAwait(false))
                {
                    // A stale list: it was redriven after it was listed (by an earlier run of this command, whose
                    // token has expired since), and that redrive carries on.
                    Decided?.Invoke(item);
                    return;
                }

                if (method != RedriveMethod.Auto)
                {
                    ResumeFailed?.Invoke(item, e);
                    return;
                }

                item.Method = RedriveMethod.GoTo;
                item.AddReasons(new[] { new RedriveReason("NotRedrivable", $"RedriveExecution refused it ({e.Message}), for what its list item could not show, such as a history of {RedriveEligibility.MaxHistoryEvents} events or more.") });
                await PlanGoToAsync(item, cancellationToken).ConfigureAwait(false);
                if (item.Method == null)
                {
                    Decided?.Invoke(item);
                    return;
                }

                await PreflightAsync(item, cancellationToken).ConfigureAwait(false);
                await ResumeAsync(item, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (IsItemFailure(e, cancellationToken))
            {
                ResumeFailed?.Invoke(item, e);
                return;
            }

            Resumed?.Invoke(run);
        }

        /// <summary>
        /// Whether an execution planned from a list item, whose redrive AWS refused, was redriven since it was
        /// listed (its redrive count went up, or it is no longer failed): one DescribeExecution tells. Then
        /// <see cref="RedrivePlanItem.AlreadyRedriven"/> holds it as it is now.
        /// </summary>
        private async Task<bool> RedrivenSinceListedAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            DescribeExecutionResponse now;
            try
            {
                now = await calls.RunAsync(ct => client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = item.ExecutionArn, IncludedData = "METADATA_ONLY" }, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsItemFailure(e, cancellationToken))
            {
                return false;
            }

            if ((now.RedriveCount ?? 0) > (item.Execution?.RedriveCount ?? 0) || !ExecutionStatuses.IsFailed(now.Status))
            {
                item.AlreadyRedriven = now;
                return true;
            }

            return false;
        }

        /// <summary>
        /// What ListExecutions said of an execution, in DescribeExecution's shape. Its redrive status is unknown:
        /// RedriveExecution tells, if it comes to that.
        /// </summary>
        private static DescribeExecutionResponse Described(ExecutionListItem listed) => new DescribeExecutionResponse
        {
            ExecutionArn = listed.ExecutionArn,
            StateMachineArn = string.IsNullOrEmpty(listed.StateMachineArn) ? ExecutionArns.StateMachineOf(listed.ExecutionArn) ?? string.Empty : listed.StateMachineArn,
            Name = listed.Name,
            Status = listed.Status,
            StartDate = listed.StartDate,
            StopDate = listed.StopDate,
            MapRunArn = listed.MapRunArn,
            StateMachineVersionArn = listed.StateMachineVersionArn,
            StateMachineAliasArn = listed.StateMachineAliasArn,
            RedriveCount = listed.RedriveCount,
            RedriveDate = listed.RedriveDate,
            RedriveStatus = string.IsNullOrEmpty(listed.MapRunArn) ? null : "REDRIVABLE_BY_MAP_RUN",
        };

        /// <summary>
        /// The item is past the point where it could still ask which definition it ran (or never will): once every
        /// item is, and the input has ended, the resolvers answer the executions they held back, newest first.
        /// </summary>
        private void Arrived(RedrivePlanItem item)
        {
            if (item.MarkArrived() && Interlocked.Decrement(ref toArrive) == 0 && inputEnded)
            {
                allArrived.TrySetResult(true);
            }
        }

        /// <summary>What the batch reads once for the state machine of <paramref name="item"/>.</summary>
        private StateMachineReads MachineOf(RedrivePlanItem item)
            => machines.GetOrAdd(item.Execution!.StateMachineArn, arn => new StateMachineReads(arn, client, copies, retry, calls, allArrived.Task));

        private void Choose(RedrivePlanItem item, DescribeExecutionResponse execution)
        {
            if (!ExecutionStatuses.IsFailed(execution.Status))
            {
                item.Skip(execution.Status == "SUCCEEDED"
                    ? new RedriveReason("Succeeded", "The execution succeeded: there is nothing to resume.")
                    : new RedriveReason("NotClosed", $"The execution is {execution.Status}; only failed, timed-out or aborted executions can be resumed."));
                return;
            }

            if (method == RedriveMethod.GoTo)
            {
                item.Method = RedriveMethod.GoTo;
                return;
            }

            var facts = new RedriveFacts
            {
                Status = execution.Status,
                StateMachineType = "STANDARD",
                StartDate = execution.StartDate,
                StopDate = execution.StopDate,
                RedriveStatus = execution.RedriveStatus,
                RedriveStatusReason = execution.RedriveStatusReason,
            };
            if (execution.RedriveStatus == "REDRIVABLE_BY_MAP_RUN")
            {
                item.Skip(new RedriveReason("RedrivableByMapRun", "This is a child execution of a Distributed Map run: redrive the parent execution, which redrives the failed children of its Map Run."));
                return;
            }

            var verdict = RedriveEligibility.Evaluate(facts, utcNow());
            if (verdict.Eligible)
            {
                item.Method = RedriveMethod.Redrive;
                item.AwaitsDefinitionCheck = method == RedriveMethod.Auto;
            }
            else if (method == RedriveMethod.Auto)
            {
                item.Method = RedriveMethod.GoTo;
                item.AddReasons(verdict.Reasons);
            }
            else
            {
                item.AddReasons(verdict.Reasons);
                item.Method = null;
            }
        }

        private async Task LocateFailureAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            FailurePoint point;
            try
            {
                // A resumed run that failed again got further than the execution: the next attempt starts where it failed.
                var failedAgain = item.Resumes?.FailedAgain;
                point = failedAgain != null
                    ? await LocateAsync(failedAgain, StateMachineDefinition.TryParse(item.Copy!.Plan.Copy.Definition), cancellationToken).ConfigureAwait(false)
                    : item.Target.FailurePoint ?? await LocateAsync(item.Execution!, item.RanDefinition ?? item.Copy?.Current, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsItemFailure(e, cancellationToken))
            {
                item.Fail(e);
                return;
            }

            item.FailurePoint = point;
            var state = point.ResumeState == null ? null : item.Copy!.Current.Find(point.ResumeState);
            if (point.ResumeState == null)
            {
                item.Skip(new RedriveReason("NoResumeState", "The history names no state to resume at. Use New-SfnGoToStateMachine -StateName to choose one."));
            }
            else if (state == null || !state.IsTopLevel)
            {
                item.Skip(new RedriveReason("ResumeStateMissing", $"The current definition has no top-level state '{point.ResumeState}' to resume at. Use New-SfnGoToStateMachine -StateName to choose another."));
            }
            else if (!point.InputKnown)
            {
                item.Skip(new RedriveReason("ResumeInputUnknown", $"The history has no execution data, so the input '{point.ResumeState}' was given is unknown. Use New-SfnGoToStateMachine -Input."));
            }
        }

        /// <summary>
        /// Reads the history with the definition the execution ran, or when that was not read, with the current
        /// one: it names the branches and iterations a precise resume needs. A current definition that is not
        /// the one that ran is told by the analysis, and the history is then read without a definition.
        /// </summary>
        private async Task<FailurePoint> LocateAsync(DescribeExecutionResponse execution, StateMachineDefinition? definition, CancellationToken cancellationToken)
        {
            try
            {
                return await calls.RunAsync(ct => Task.Run(() => locator.LocateDescribed(client, execution, definition, ct), ct), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (definition != null && (e is DefinitionFormatException || e is HistoryFormatException))
            {
                return await calls.RunAsync(ct => Task.Run(() => locator.LocateDescribed(client, execution, null, ct), ct), cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<ResumedRun> RedriveAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            var request = new RedriveExecutionRequest { ExecutionArn = item.ExecutionArn, ClientToken = item.ClientToken };
            var redriven = await calls.RunAsync(ct => client.RedriveExecutionAsync(request, ct), cancellationToken, finishesAnExecution: true).ConfigureAwait(false);
            var result = ResultFor(item);
            result.ResumedExecutionArn = item.ExecutionArn;
            result.RedriveCount++;
            result.ResumedAt = redriven.RedriveDate;
            result.Status = "Started";
            return new ResumedRun(item, result);
        }

        private async Task<ResumedRun> StartGoToAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            var copy = item.Copy!;
            await copy.EnsureAsync(cancellationToken).ConfigureAwait(false);
            var request = new StartExecutionRequest
            {
                StateMachineArn = copy.CopyArn,
                Name = item.Resumes!.RunName,
                Input = StartFor(item)!.Input,
            };
            var result = ResultFor(item);
            try
            {
                var started = await calls.RunAsync(ct => client.StartExecutionAsync(request, ct), cancellationToken, finishesAnExecution: true).ConfigureAwait(false);
                result.ResumedExecutionArn = started.ExecutionArn;
                result.ResumedAt = started.StartDate;
            }
            catch (StepFunctionsException e) when (e.ErrorCode == "ExecutionAlreadyExists")
            {
                // The name is this resume's own: another run of this command started it since the plan looked
                // (or an earlier try of this call whose answer was lost). Report that run; start nothing.
                var existing = await calls.RunAsync(ct => client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = ExecutionArns.For(copy.CopyArn, request.Name!), IncludedData = "METADATA_ONLY" }, ct), cancellationToken, finishesAnExecution: true).ConfigureAwait(false);
                result.ResumedExecutionArn = existing.ExecutionArn;
                result.ResumedAt = existing.StartDate;
                result.ResumedStatus = existing.Status;
                result.Status = "AlreadyResumed";
                return new ResumedRun(item, result);
            }

            result.Status = "Started";
            return new ResumedRun(item, result);
        }

        private async Task<bool> HasEndedAsync(ResumedRun run, CancellationToken cancellationToken)
        {
            DescribeExecutionResponse now;
            try
            {
                now = await retry.RunAsync(ct => client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = run.Result.ResumedExecutionArn!, IncludedData = "METADATA_ONLY" }, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (StepFunctionsException e) when (e.ErrorCode == "ExecutionDoesNotExist")
            {
                // A new execution may not be visible yet.
                return false;
            }

            // Right after RedriveExecution, a read may still show the attempt before it.
            if (now.Status == "RUNNING" || now.Status == "PENDING_REDRIVE" || (now.RedriveCount ?? 0) < (run.Item.Method == RedriveMethod.Redrive ? run.Result.RedriveCount : 0))
            {
                return false;
            }

            run.Result.Status = now.Status;
            if (ExecutionStatuses.IsFailed(now.Status))
            {
                var definition = run.Item.Method == RedriveMethod.GoTo ? StateMachineDefinition.TryParse(run.Item.Copy!.Plan.Copy.Definition) : run.Item.RanDefinition;
                try
                {
                    run.Result.FailurePoint = await retry.RunAsync(ct => Task.Run(() => locator.LocateDescribed(client, now, definition, ct), ct), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (IsItemFailure(e, cancellationToken))
                {
                    run.Result.Reason = $"It failed again; where could not be read: {e.Message}";
                }
            }

            return true;
        }
    }
}
