using System;
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

namespace SfnResume.Redrive
{
    /// <summary>
    /// Resumes many failed executions at once, in three steps the caller runs in turn: <see cref="PlanAsync"/>
    /// reads and decides (nothing changes on AWS), <see cref="ResumeAsync"/> redrives or starts the approved
    /// ones, <see cref="WaitAsync"/> polls until the resumed runs end.
    /// <para>Calls per execution: DescribeExecution, then RedriveExecution, or GetExecutionHistory (one page
    /// when the failure is in the last 1,000 events) and StartExecution. Calls per state machine, however many
    /// executions: one DescribeStateMachine, one DescribeStateMachineForExecution per distinct definition the
    /// executions ran (only to check redrive would run the current one), one CreateStateMachine for the GoTo
    /// copy. Every call is retried on throttling and 5xx; at most <c>throttleLimit</c> run at a time.</para>
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

        public RedriveBatch(IStepFunctionsClient client, RedriveMethod method, int throttleLimit, TransientRetry retry, Func<DateTime>? utcNow = null)
        {
            this.client = client;
            this.method = method;
            this.throttleLimit = throttleLimit;
            this.retry = retry;
            this.utcNow = utcNow ?? (() => DateTime.UtcNow);
            copies = new GoToCopyService(client);
        }

        /// <summary>Called from worker threads as work goes on: a phase, items done, items in the phase.</summary>
        public Action<string, int, int>? Progress { get; set; }

        /// <summary>Describes every execution and decides how to resume it. Reads only; per-item failures land in the item.</summary>
        public async Task<IReadOnlyList<RedrivePlanItem>> PlanAsync(IReadOnlyList<RedriveTarget> targets, CancellationToken cancellationToken)
        {
            var items = targets.Select(t => new RedrivePlanItem(t)).ToList();
            await ForEachAsync("Reading executions", items, DescribeAsync, cancellationToken).ConfigureAwait(false);

            var machines = items
                .Where(i => i.Method != null && (i.AwaitsDefinitionCheck || i.Method == RedriveMethod.GoTo))
                .GroupBy(i => i.Execution!.StateMachineArn)
                .Select(g => g.ToList())
                .ToList();
            await ForEachAsync("Reading definitions", machines, ReadDefinitionsAsync, cancellationToken).ConfigureAwait(false);

            var gotos = items.Where(i => i.Method == RedriveMethod.GoTo).ToList();
            await ForEachAsync("Reading histories", gotos, LocateFailureAsync, cancellationToken).ConfigureAwait(false);

            foreach (var item in items.Where(i => i.Method == RedriveMethod.Redrive))
            {
                item.ClientToken = RedriveClientToken.For(item.ExecutionArn, item.Execution!.RedriveCount ?? 0);
            }

            return items;
        }

        /// <summary>What the plan says for one execution, as Test-SfnRedrive shows it.</summary>
        public static RedriveResult PlannedResult(RedrivePlanItem item)
        {
            var result = ResultFor(item);
            result.Status = item.Method == null ? "Skipped" : "Planned";
            return result;
        }

        /// <summary>
        /// Redrives or starts each approved item. Each outcome is reported as soon as it is known, from a worker
        /// thread: <paramref name="resumed"/> or <paramref name="failed"/>; one failure does not stop the others.
        /// </summary>
        public Task ResumeAsync(IReadOnlyList<RedrivePlanItem> approved, Action<ResumedRun> resumed, Action<RedrivePlanItem, Exception> failed, CancellationToken cancellationToken)
        {
            return ForEachAsync("Resuming", approved, async (item, ct) =>
            {
                try
                {
                    resumed(item.Method == RedriveMethod.Redrive ? await RedriveAsync(item, ct).ConfigureAwait(false) : await StartGoToAsync(item, ct).ConfigureAwait(false));
                }
                catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
                {
                    failed(item, e);
                }
            }, cancellationToken);
        }

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
                RedriveCount = item.Execution?.RedriveCount ?? 0,
                Reason = item.Reasons.Count == 0 ? null : string.Join(" ", item.Reasons.Select(r => r.Message)),
                ReasonCodes = item.Reasons.Select(r => r.Code).ToList(),
            };
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

        private async Task DescribeAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            if (ExecutionArns.IsExpress(item.ExecutionArn))
            {
                item.Skip(new RedriveReason("NotStandard", "Express executions can be neither redriven nor resumed from their history: Step Functions keeps none for them."));
                return;
            }

            try
            {
                item.Execution = await retry.RunAsync(ct => client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = item.ExecutionArn, IncludedData = "METADATA_ONLY" }, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsItemFailure(e, cancellationToken))
            {
                item.Fail(e);
                return;
            }

            Choose(item, item.Execution);
        }

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

        /// <summary>For the executions of one state machine: its current definition, which of them ran it, and the GoTo copy of it.</summary>
        private async Task ReadDefinitionsAsync(List<RedrivePlanItem> executions, CancellationToken cancellationToken)
        {
            DescribeStateMachineResponse current;
            try
            {
                current = await retry.RunAsync(ct => client.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = executions[0].Execution!.StateMachineArn }, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsItemFailure(e, cancellationToken))
            {
                // Without the current definition there is no copy to make; a redrive needs none, so eligible
                // executions still redrive, on AWS's verdict alone.
                executions.Where(i => i.Method == RedriveMethod.GoTo).ToList().ForEach(i => i.Fail(e));
                return;
            }

            var checks = executions.Where(i => i.AwaitsDefinitionCheck).ToList();
            if (checks.Count > 0)
            {
                var ran = await new RanDefinitionResolver(client, retry).ResolveAsync(checks.Select(i => i.Execution!).ToList(), cancellationToken).ConfigureAwait(false);
                foreach (var item in checks)
                {
                    if (!ran.TryGetValue(item.ExecutionArn, out var definition))
                    {
                        continue;
                    }

                    item.RanDefinition = TryParse(definition);
                    if (!JsonValues.SameJson(definition, current.Definition))
                    {
                        item.Method = RedriveMethod.GoTo;
                        item.AddReasons(new[] { new RedriveReason("DefinitionChanged", "The state machine's definition changed since the execution ran; redrive would re-run the old one, so a GoTo copy of the current definition resumes it.") });
                    }
                }
            }

            var gotos = executions.Where(i => i.Method == RedriveMethod.GoTo).ToList();
            if (gotos.Count == 0)
            {
                return;
            }

            try
            {
                var job = new GoToCopyJob(copies, copies.PlanFrom(current), StateMachineDefinition.Parse(current.Definition), retry);
                gotos.ForEach(i => i.Copy = job);
            }
            catch (DefinitionFormatException e)
            {
                gotos.ForEach(i => i.Fail(e));
            }
        }

        private async Task LocateFailureAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            FailurePoint point;
            try
            {
                point = item.Target.FailurePoint ?? await LocateAsync(item, cancellationToken).ConfigureAwait(false);
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
        private async Task<FailurePoint> LocateAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            var definition = item.RanDefinition ?? item.Copy?.Current;
            try
            {
                return await retry.RunAsync(ct => Task.Run(() => locator.LocateDescribed(client, item.Execution!, definition, ct), ct), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (item.RanDefinition == null && definition != null && (e is DefinitionFormatException || e is HistoryFormatException))
            {
                return await retry.RunAsync(ct => Task.Run(() => locator.LocateDescribed(client, item.Execution!, null, ct), ct), cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<ResumedRun> RedriveAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            var request = new RedriveExecutionRequest { ExecutionArn = item.ExecutionArn, ClientToken = item.ClientToken };
            var redriven = await retry.RunAsync(ct => client.RedriveExecutionAsync(request, ct), cancellationToken).ConfigureAwait(false);
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
                Name = RunName(item.ExecutionArn),
                Input = StartFor(item)!.Input,
            };
            var result = ResultFor(item);
            try
            {
                var started = await retry.RunAsync(ct => client.StartExecutionAsync(request, ct), cancellationToken).ConfigureAwait(false);
                result.ResumedExecutionArn = started.ExecutionArn;
                result.ResumedAt = started.StartDate;
            }
            catch (StepFunctionsException e) when (e.ErrorCode == "ExecutionAlreadyExists")
            {
                // The name is new to this batch, so only an earlier attempt of this very call can hold it: one
                // that AWS carried out but whose answer was lost, and whose run has ended already.
                result.ResumedExecutionArn = copy.CopyArn.Replace(":stateMachine:", ":execution:") + ":" + request.Name;
                result.ResumedAt = utcNow();
            }

            result.Status = "Started";
            return new ResumedRun(item, result);
        }

        /// <summary>The failed execution's name and a random suffix: recognisable, and unique for every resume.</summary>
        private static string RunName(string executionArn)
        {
            var suffix = "-resume-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            var name = ExecutionArns.NameOf(executionArn);
            return (name.Length + suffix.Length > GoToCopyNames.MaxName ? name.Substring(0, GoToCopyNames.MaxName - suffix.Length) : name) + suffix;
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
                var definition = run.Item.Method == RedriveMethod.GoTo ? TryParse(run.Item.Copy!.Plan.Copy.Definition) : run.Item.RanDefinition;
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

        private static StateMachineDefinition? TryParse(string definition)
        {
            try
            {
                return StateMachineDefinition.Parse(definition);
            }
            catch (DefinitionFormatException)
            {
                return null;
            }
        }

        private async Task ForEachAsync<T>(string phase, IReadOnlyList<T> items, Func<T, CancellationToken, Task> body, CancellationToken cancellationToken)
        {
            var done = 0;
            Progress?.Invoke(phase, 0, items.Count);
            await BoundedParallel.ForEachAsync(items, throttleLimit, async (item, ct) =>
            {
                await body(item, ct).ConfigureAwait(false);
                Progress?.Invoke(phase, Interlocked.Increment(ref done), items.Count);
            }, cancellationToken).ConfigureAwait(false);
        }
    }
}
