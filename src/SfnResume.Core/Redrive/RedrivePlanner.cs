using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Logs.Model;
using SfnResume.Aws.Model;
using SfnResume.Definitions;
using SfnResume.Express;
using SfnResume.GoTo;
using SfnResume.GoTo.Distributed;
using SfnResume.History;
using SfnResume.MapRuns;
using SfnResume.Preflight;

namespace SfnResume.Redrive
{
    /// <summary>
    /// Plans each execution of a batch by reading only: whether it can be resumed, how (redrive or GoTo), and for
    /// GoTo the copy, the failure point and the run's name. Nothing changes on AWS here; failures land in the item
    /// (<see cref="RedrivePlanItem.Error"/>). What it reads once per state machine is shared by the executions of
    /// that machine (<see cref="StateMachineReads"/>), whatever order they come in.
    /// <para>With a preflight, each planned GoTo resume's state is then run by TestState on the input it would be
    /// given (<see cref="PreflightAsync"/>): one call more per distinct definition, state, input and variables.</para>
    /// </summary>
    internal sealed class RedrivePlanner
    {
        private readonly IStepFunctionsClient client;
        private readonly RedriveMethod method;
        private readonly TransientRetry retry;
        private readonly BatchCalls calls;
        private readonly TimeProvider time;
        private readonly FailurePointLocator locator = new FailurePointLocator();
        private readonly ExpressFailurePointLocator expressLocator = new ExpressFailurePointLocator();
        private readonly LogFilterBatcher? logs;
        private readonly DistributedMapRunReader? mapRuns;
        private readonly ItemFileLocation? itemLocation;
        private readonly Action<RedrivePlanItem, int, long?>? mapRunProgress;
        private readonly GoToCopyService copies;
        private readonly PreflightService? preflights;
        private readonly ConcurrentDictionary<string, StateMachineReads> machines = new ConcurrentDictionary<string, StateMachineReads>(StringComparer.Ordinal);
        private readonly TaskCompletionSource<bool> allArrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool inputEnded;
        private int toArrive;

        /// <param name="preflight">Check each planned resume with TestState (<see cref="RedrivePlanItem.Preflight"/>).</param>
        /// <param name="filterLogs">FilterLogEvents, paced and retried: Express executions are planned from their log group. Null: they are skipped (NotStandard).</param>
        /// <param name="mapRuns">Reads a failed Distributed Map's run for a precise GoTo resume; null: such a Map re-runs whole.</param>
        /// <param name="itemLocation">Where the file of items to re-run goes; null: the Map's ItemReader bucket.</param>
        /// <param name="mapRunProgress">Children of a Map Run read so far for an item, and how many there are.</param>
        public RedrivePlanner(IStepFunctionsClient client, RedriveMethod method, BatchCalls calls, TransientRetry retry, TimeProvider time, bool preflight,
            Func<FilterLogEventsRequest, CancellationToken, Task<FilterLogEventsResponse>>? filterLogs = null,
            DistributedMapRunReader? mapRuns = null, ItemFileLocation? itemLocation = null, Action<RedrivePlanItem, int, long?>? mapRunProgress = null)
        {
            this.mapRuns = mapRuns;
            this.itemLocation = itemLocation;
            this.mapRunProgress = mapRunProgress;
            logs = filterLogs == null ? null : new LogFilterBatcher(filterLogs);
            this.client = client;
            this.method = method;
            this.calls = calls;
            this.retry = retry;
            this.time = time;
            copies = new GoToCopyService(client);
            preflights = preflight ? new PreflightService((request, ct) => calls.RunAsync(c => client.TestStateAsync(request, c), ct)) : null;
        }

        /// <summary>One more item will be planned (counted before its planning starts).</summary>
        public void Expect() => Interlocked.Increment(ref toArrive);

        /// <summary>No more items will come: once every one has arrived, held-back definition questions are answered.</summary>
        public void InputEnded()
        {
            inputEnded = true;
            if (Volatile.Read(ref toArrive) == 0)
            {
                allArrived.TrySetResult(true);
            }
        }

        /// <summary>
        /// Reads what the plan of one execution needs and decides, then checks it when asked to; nothing changes
        /// on AWS. Failures land in the item.
        /// </summary>
        public async Task PlanAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            try
            {
                await PlanItemAsync(item, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Arrived(item);
            }

            await PreflightAsync(item, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The GoTo copy of the state machine (shared by its executions) and where this execution failed.</summary>
        public async Task PlanGoToAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            try
            {
                var version = item.Execution?.StateMachineVersionArn;
                item.Copy = string.IsNullOrEmpty(version)
                    ? await MachineOf(item).CopyAsync(cancellationToken).ConfigureAwait(false)
                    : await MachineOf(item).CopyForVersionAsync(version!, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
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
        /// A redrive planned from a ListExecutions item alone was refused for what the list does not show (a
        /// history of 24,999 events or more): with -Method Auto it takes the GoTo path, planned here; false when
        /// the method was chosen, and the refusal stands.
        /// </summary>
        public Task<bool> ReplanRefusedAsync(RedrivePlanItem item, StepFunctionsException refusal, CancellationToken cancellationToken)
            => ReplanAsGoToAsync(item, new RedriveReason("NotRedrivable", $"RedriveExecution refused it ({refusal.Message}), for what its list item could not show, such as a history of {RedriveEligibility.MaxHistoryEvents} events or more."), cancellationToken);

        /// <summary>
        /// The endpoint has no RedriveExecution (an emulator: stepfunctions-local, Step Functions Local): with
        /// -Method Auto the execution takes the GoTo path, saying why; false when the method was chosen.
        /// </summary>
        public Task<bool> ReplanWithoutRedriveAsync(RedrivePlanItem item, StepFunctionsException refusal, CancellationToken cancellationToken)
            => ReplanAsGoToAsync(item, new RedriveReason("RedriveUnavailable", $"The endpoint does not offer RedriveExecution ({refusal.Message}); AWS does, so this is an emulator or a proxy."), cancellationToken);

        private async Task<bool> ReplanAsGoToAsync(RedrivePlanItem item, RedriveReason why, CancellationToken cancellationToken)
        {
            if (method != RedriveMethod.Auto)
            {
                return false;
            }

            item.Method = RedriveMethod.GoTo;
            item.AddReasons(new[] { why });
            await PlanGoToAsync(item, cancellationToken).ConfigureAwait(false);
            await PreflightAsync(item, cancellationToken).ConfigureAwait(false);
            return true;
        }

        /// <summary>
        /// With a preflight: a planned GoTo resume's state is run by TestState on the input it would be given
        /// (the copy hands it exactly that, and restores the same variables), in the current definition the copy
        /// is made of. A redrive re-runs what the execution ran and is not checked; a failure to check does not
        /// fail the item. Whether a failed check keeps a resume from going ahead is the approver's call.
        /// </summary>
        private async Task PreflightAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            if (preflights == null || item.Method == null || item.AlreadyResumed)
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
            catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
            {
                item.Preflight = PreflightOutcome.NotTestable(point.ResumeState, PreflightCodes.CallFailed, $"The preflight could not be made: {e.Message}");
            }
        }

        /// <summary>
        /// Whether an execution planned from a list item, whose redrive AWS refused, was redriven since it was
        /// listed (its redrive count went up, or it is no longer failed): one DescribeExecution tells. Then
        /// <see cref="RedrivePlanItem.AlreadyRedriven"/> holds it as it is now.
        /// </summary>
        public async Task<bool> RedrivenSinceListedAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            DescribeExecutionResponse now;
            try
            {
                now = await calls.RunAsync(ct => client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = item.ExecutionArn, IncludedData = "METADATA_ONLY" }, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
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
        private static DescribeExecutionResponse Described(ExecutionListItem listed)
        {
            var described = listed.AsDescribed();
            described.RedriveStatus = string.IsNullOrEmpty(listed.MapRunArn) ? null : "REDRIVABLE_BY_MAP_RUN";
            return described;
        }

        private async Task PlanItemAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            if (ExecutionArns.IsExpress(item.ExecutionArn))
            {
                if (logs == null)
                {
                    item.Skip(new RedriveReason("NotStandard", "Express executions can be neither redriven nor resumed from their history: Step Functions keeps none for them."));
                    return;
                }

                await PlanExpressAsync(item, logs, cancellationToken).ConfigureAwait(false);
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
                catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
                {
                    item.Fail(e);
                    return;
                }
            }

            Choose(item, item.Execution);
            if (item.Method == null || item.AlreadyResumed)
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
                if (item.RanDefinition?.HasDistributedMap == true)
                {
                    await LookUpMapRunAsync(item, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        /// <summary>
        /// A redrive of an execution that failed in a Distributed Map redrives its Map Run: the plan says so, with
        /// what the run will run again (DescribeMapRun). Whether it failed there is read from the newest page of
        /// its history, only for definitions that have a Distributed Map: one GetExecutionHistory and one
        /// DescribeMapRun more per such execution, none for the others. What cannot be read does not stop the redrive.
        /// </summary>
        private async Task LookUpMapRunAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            FailurePoint point;
            try
            {
                point = await LocateAsync(item.Execution!, item.RanDefinition, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
            {
                item.AddReasons(new[] { new RedriveReason("MapRunUnknown", $"The definition has a Distributed Map, but the history could not be read to tell whether the execution failed in it ({e.Message}); if it did, the redrive redrives its Map Run.") });
                return;
            }

            if (point.MapRun == null)
            {
                return;
            }

            var error = await DescribeMapRunAsync(point.MapRun, cancellationToken).ConfigureAwait(false);
            item.MapRun = point.MapRun;
            item.AddReasons(new[] { new RedriveReason("MapRunRedrive", MapRunRedriveWords(point.MapRun, error)) });
        }

        /// <summary>DescribeMapRun onto the run; the error's message when it could not be described, null when it was.</summary>
        private async Task<string?> DescribeMapRunAsync(MapRun run, CancellationToken cancellationToken)
        {
            try
            {
                MapRunReader.Apply(run, await calls.RunAsync(ct => client.DescribeMapRunAsync(new DescribeMapRunRequest { MapRunArn = run.MapRunArn }, ct), cancellationToken).ConfigureAwait(false));
                return null;
            }
            catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
            {
                return e.Message;
            }
        }

        private static string MapRunRedriveWords(MapRun run, string? describeError)
        {
            var prefix = $"The execution failed in the Distributed Map '{run.Label}': redriving it redrives the Map Run, which runs again ";
            if (run.ItemCounts == null)
            {
                return prefix + $"its failed, timed-out, aborted and never-started items, and not those that succeeded (the Map Run could not be described for their counts: {describeError}).";
            }

            var c = run.ItemCounts;
            static string N(long value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            return prefix + $"the {N(run.ItemsToRunAgain!.Value)} of {N(c.Total)} items that did not succeed ({N(c.Failed)} failed, {N(c.TimedOut)} timed out, {N(c.Aborted)} aborted, {N(c.Pending)} never started), and not the {N(c.Succeeded)} that succeeded. A GoTo copy would read the Map Run for the same (the GoTo method shows how many), or run all {N(c.Total)} again where it cannot.";
        }

        /// <summary>
        /// An Express execution: never redriven (AWS cannot), resumed on the Express GoTo copy (the original's type,
        /// logging and role) from its records in the state machine's log group. Step Functions cannot describe it:
        /// what Find-SfnExpressExecution listed, or nothing, stands for DescribeExecution, and the copy's runs are
        /// looked for in the log group the copy logs to, which is the original's (<see cref="ExpressResumeLookup"/>).
        /// Calls: the state machine's DescribeStateMachine (once a batch), one FilterLogEvents for the resumes, one
        /// for the execution's records.
        /// </summary>
        private async Task PlanExpressAsync(RedrivePlanItem item, LogFilterBatcher logs, CancellationToken cancellationToken)
        {
            var listed = item.Target.Listed;
            if (listed != null && !string.IsNullOrEmpty(listed.Status) && !ExecutionStatuses.IsFailed(listed.Status))
            {
                item.Skip(listed.Status == "SUCCEEDED"
                    ? new RedriveReason("Succeeded", "The execution succeeded: there is nothing to resume.")
                    : new RedriveReason("NotClosed", $"The execution is {listed.Status}; only failed, timed-out or aborted executions can be resumed."));
                return;
            }

            if (method == RedriveMethod.Redrive)
            {
                item.Skip(new RedriveReason("ExpressNotRedrivable", "Express executions cannot be redriven: the Auto or GoTo method resumes them on an Express GoTo copy, from their CloudWatch Logs records."));
                return;
            }

            item.Execution = new DescribeExecutionResponse
            {
                ExecutionArn = item.ExecutionArn,
                StateMachineArn = ExpressArns.StateMachineOf(item.ExecutionArn)!,
                Name = item.ExecutionArn.Split(':')[7],
                Status = string.IsNullOrEmpty(listed?.Status) ? "FAILED" : listed!.Status,
                StartDate = listed?.StartDate ?? default,
                StopDate = listed?.StopDate,
            };
            item.Method = RedriveMethod.GoTo;
            item.AddReasons(new[] { new RedriveReason("ExpressExecution", "Express executions cannot be redriven: it is resumed on an Express GoTo copy, from its CloudWatch Logs records.") });
            var machine = MachineOf(item);
            try
            {
                item.ExpressLogGroup = ExpressLogging.LogGroupOf(await machine.CurrentAsync(cancellationToken).ConfigureAwait(false), needAll: true);
                item.Copy = await machine.CopyAsync(cancellationToken).ConfigureAwait(false);
                var runs = await logs.ReadAsync(item.ExpressLogGroup, ExpressResumeLookup.RecordTypes, ExpressResumeLookup.SearchPrefix(item.ExecutionArn, item.Copy.CopyArn), prefix: true,
                    item.Execution.StopDate?.Add(-ExpressResumeLookup.MaxDuration), null, cancellationToken).ConfigureAwait(false);
                item.Resumes = ExpressResumeLookup.FromRecords(runs, item.ExecutionArn, item.Copy.CopyArn);
            }
            catch (ExpressLogsException e)
            {
                // Nothing can be done from logs that are off, too thin or gone: a reason, not an error.
                item.Skip(new RedriveReason(e.Code, e.Message + " " + e.Advice));
                return;
            }
            catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
            {
                item.Fail(e);
                return;
            }

            if (!item.AlreadyResumed)
            {
                await LocateFailureAsync(item, cancellationToken, ct => LocateExpressAsync(item, logs, ct)).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Where the Express execution failed, or the resume of it that failed again, from the log group. A known end
        /// bounds the search: an Express execution runs at most five minutes, so its records lie within that of its end.
        /// </summary>
        private async Task<FailurePoint> LocateExpressAsync(RedrivePlanItem item, LogFilterBatcher logs, CancellationToken cancellationToken)
        {
            var margin = TimeSpan.FromSeconds(1);
            var group = item.ExpressLogGroup!;
            var failedAgain = item.Resumes?.FailedAgain;
            if (failedAgain != null)
            {
                var (from, to) = (failedAgain.StartDate == default ? (DateTime?)null : failedAgain.StartDate - margin, failedAgain.StopDate + margin);
                var records = await logs.ReadAsync(group, Array.Empty<string>(), failedAgain.ExecutionArn, prefix: false, from, to, cancellationToken).ConfigureAwait(false);
                var again = expressLocator.FromRecords(records, group, failedAgain.ExecutionArn, StateMachineDefinition.TryParse(item.Copy!.Plan.Copy.Definition), from, to, cancellationToken);
                return ResumedRunFailure.InOriginalTerms(again, item.Copy.Plan.Copy);
            }

            if (item.Target.FailurePoint != null)
            {
                return item.Target.FailurePoint;
            }

            var stop = item.Execution!.StopDate;
            var (start, end) = (stop - ExpressResumeLookup.MaxDuration - margin, stop + margin);
            var own = await logs.ReadAsync(group, Array.Empty<string>(), item.ExecutionArn, prefix: false, start, end, cancellationToken).ConfigureAwait(false);
            return expressLocator.FromRecords(own, group, item.ExecutionArn, item.Copy!.Current, start, end, cancellationToken);
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
            catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
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
            catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
            {
                item.Fail(e);
                return false;
            }
        }

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
            if (execution.Status == "RUNNING" && (execution.RedriveCount ?? 0) > 0)
            {
                // Running again after a redrive (an earlier run of this command, or anyone's): that redrive carries
                // on, and a rerun reports it as it does a GoTo run it started (and follows it with a wait).
                item.Method = RedriveMethod.Redrive;
                item.AlreadyRedriven = execution;
                return;
            }

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

            var verdict = RedriveEligibility.Evaluate(facts, time.GetUtcNow().UtcDateTime);
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

        /// <param name="locate">Where the failure point comes from instead of the history (an Express execution's logs).</param>
        private async Task LocateFailureAsync(RedrivePlanItem item, CancellationToken cancellationToken, Func<CancellationToken, Task<FailurePoint>>? locate = null)
        {
            FailurePoint point;
            try
            {
                if (locate != null)
                {
                    point = await locate(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // A resumed run that failed again got further than the execution: the next attempt starts where it failed.
                    var failedAgain = item.Resumes?.FailedAgain;
                    point = failedAgain != null
                        ? ResumedRunFailure.InOriginalTerms(await LocateAsync(failedAgain, StateMachineDefinition.TryParse(item.Copy!.Plan.Copy.Definition), cancellationToken).ConfigureAwait(false), item.Copy.Plan.Copy)
                        : item.Target.FailurePoint ?? await LocateAsync(item.Execution!, item.RanDefinition ?? item.Copy?.Current, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (ExecutionNotFailedException e) when (locate != null)
            {
                // An Express ARN given bare: only its records tell that it did not fail.
                item.Skip(new RedriveReason(e.Status == "RUNNING" ? "NotClosed" : "Succeeded", e.Message));
                return;
            }
            catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
            {
                item.Fail(e);
                return;
            }

            item.FailurePoint = point;
            if (point.MapRun != null)
            {
                // What the GoTo copy runs again (the whole Map) beside what a redrive would: Test-SfnRedrive shows both.
                if (!point.MapRun.Described)
                {
                    await DescribeMapRunAsync(point.MapRun, cancellationToken).ConfigureAwait(false);
                }

                item.MapRun = point.MapRun;
                await PlanMapRunAsync(item, point, cancellationToken).ConfigureAwait(false);
            }

            var state = point.ResumeState == null ? null : item.Copy!.Current.Find(point.ResumeState);
            if (point.ResumeState == null)
            {
                item.Skip(new RedriveReason("NoResumeState", "The history names no state to resume at: a GoTo copy can resume at a state you choose."));
            }
            else if (state == null || !state.IsTopLevel)
            {
                item.Skip(new RedriveReason("ResumeStateMissing", $"The current definition has no top-level state '{point.ResumeState}' to resume at: a GoTo copy can resume at another state you choose."));
            }
            else if (!point.InputKnown)
            {
                item.Skip(new RedriveReason("ResumeInputUnknown", $"The history has no execution data, so the input '{point.ResumeState}' was given is unknown: a GoTo copy can resume with an input you give."));
            }
            else
            {
                // Worked out here, where a failure is the item's: a failure point corrected by hand into something
                // that is not JSON would otherwise fail later, where the result is shaped, and end the whole batch.
                try
                {
                    RedriveResults.StartFor(item);
                }
                catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
                {
                    item.Fail(e);
                }
            }
        }

        /// <summary>
        /// A failure in a top-level Distributed Map the copy has a twin of: its Map Run is read (every child, and
        /// the items) so the resume runs only the items that did not succeed (<see cref="DistributedMapRunReader"/>).
        /// Not read for a redrive, which redrives the Map Run itself. What cannot be read is the plan's reason to
        /// re-run the Map whole; only cancellation ends the item.
        /// </summary>
        private async Task PlanMapRunAsync(RedrivePlanItem item, FailurePoint point, CancellationToken cancellationToken)
        {
            if (mapRuns == null || item.Method != RedriveMethod.GoTo || item.Copy == null || point.ResumeState == null || !point.InputKnown)
            {
                return;
            }

            var copy = item.Copy.Plan;
            try
            {
                item.MapRunPlan = await Task.Run(
                    () => mapRuns.Plan(point, copy.Copy, copy.OriginalDefinition, itemLocation, cancellationToken, (done, total) => mapRunProgress?.Invoke(item, done, total)),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
            {
                item.MapRunPlan = DistributedResumePlanner.NotRead(point.ResumeState, e.Message);
            }
        }

        /// <summary>
        /// Reads the history with the definition the execution ran, or when that was not read, with the current
        /// one: it names the branches and iterations a precise resume needs. A current definition that is not
        /// the one that ran is told by the analysis, and the history is then read without a definition. Each
        /// page is one call of the batch's, retried on its own.
        /// </summary>
        private Task<FailurePoint> LocateAsync(DescribeExecutionResponse execution, StateMachineDefinition? definition, CancellationToken cancellationToken)
            => locator.LocateDescribedAsync(execution, definition, (request, ct) => calls.RunAsync(c => client.GetExecutionHistoryAsync(request, c), ct), cancellationToken);
    }
}
