using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Logs.Model;
using SfnResume.Aws.Model;
using SfnResume.Definitions;
using SfnResume.Express;
using SfnResume.GoTo;
using SfnResume.History;

namespace SfnResume.Redrive
{
    /// <summary>
    /// Follows resumed runs until they end: one look per <see cref="ResumedRunWait.PollInterval"/> on the given
    /// clock, each run reported once, when it ends (a run that failed again with its new failure point) or, at
    /// the timeout, as still RUNNING. Waiting is on the clock given, so tests move a fake one.
    /// </summary>
    internal sealed class ResumedRunWatcher
    {
        private readonly IStepFunctionsClient client;
        private readonly int throttleLimit;
        private readonly TransientRetry retry;
        private readonly TimeProvider time;
        private readonly FailurePointLocator locator = new FailurePointLocator();
        private readonly ExpressFailurePointLocator expressLocator = new ExpressFailurePointLocator();
        private readonly Action<string> notice;
        private readonly Func<FilterLogEventsRequest, CancellationToken, Task<FilterLogEventsResponse>>? filterLogs;

        /// <param name="notice">Told when following costs more than it could (the runs cannot be listed); the caller says it once.</param>
        /// <param name="filterLogs">FilterLogEvents, retried: Express runs are followed in their log group, which is all Step Functions keeps of them.</param>
        public ResumedRunWatcher(IStepFunctionsClient client, int throttleLimit, TransientRetry retry, TimeProvider time, Action<string> notice,
            Func<FilterLogEventsRequest, CancellationToken, Task<FilterLogEventsResponse>>? filterLogs = null)
        {
            this.filterLogs = filterLogs;
            this.notice = notice;
            this.client = client;
            this.throttleLimit = throttleLimit;
            this.retry = retry;
            this.time = time;
        }

        /// <summary>
        /// Polls <paramref name="runs"/> until each ends or the wait's timeout passes. <paramref name="ended"/>
        /// gets each run once, from worker threads; <paramref name="progress"/> the runs ended and in all after each look.
        /// </summary>
        public async Task WaitAsync(IReadOnlyList<ResumedRun> runs, ResumedRunWait wait, Action<ResumedRun> ended, Action<int, int>? progress, CancellationToken cancellationToken)
        {
            var deadline = wait.Timeout.HasValue ? time.GetUtcNow() + wait.Timeout.Value : DateTimeOffset.MaxValue;
            var pending = runs.ToList();
            var total = pending.Count;
            while (pending.Count > 0)
            {
                var left = deadline - time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    foreach (var run in pending)
                    {
                        Ends(run, "RUNNING");
                        ended(run);
                    }

                    return;
                }

                await time.Delay(left < wait.PollInterval ? left : wait.PollInterval, cancellationToken).ConfigureAwait(false);
                var finished = new List<ResumedRun>();
                foreach (var run in await ExpressEndedAsync(pending.Where(IsExpress).ToList(), cancellationToken).ConfigureAwait(false))
                {
                    finished.Add(run);
                    ended(run);
                }

                var toCheck = await NotListedAsRunningAsync(pending.Where(r => !IsExpress(r)).ToList(), cancellationToken).ConfigureAwait(false);
                await BoundedParallel.ForEachAsync(toCheck, throttleLimit, async (run, ct) =>
                {
                    bool hasEnded;
                    try
                    {
                        hasEnded = await HasEndedAsync(run, ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (ItemFailure.Is(e, ct))
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
                progress?.Invoke(total - pending.Count, total);
            }
        }

        private static bool IsExpress(ResumedRun run) => run.Item.ExpressLogGroup != null && run.Item.Method == RedriveMethod.GoTo;

        /// <summary>
        /// The Express runs that ended since the last look: Step Functions cannot describe or list them, so one
        /// FilterLogEvents per log group and copy asks for the end records of the copy's runs since the first of
        /// them started. A run that failed again is given its new failure point from its own records.
        /// </summary>
        private async Task<IReadOnlyList<ResumedRun>> ExpressEndedAsync(List<ResumedRun> runs, CancellationToken cancellationToken)
        {
            var ended = new List<ResumedRun>();
            if (runs.Count == 0 || filterLogs == null)
            {
                return ended;
            }

            foreach (var group in runs.GroupBy(r => (LogGroup: r.Item.ExpressLogGroup!, Copy: r.Item.Copy!.CopyArn)))
            {
                var byArn = group.Where(r => r.Result.ResumedExecutionArn != null).ToDictionary(r => r.Result.ResumedExecutionArn!, StringComparer.Ordinal);
                var since = group.Min(r => r.Result.ResumedAt) ?? DateTime.UtcNow.Add(-ExpressResumeLookup.MaxDuration);
                var request = new FilterLogEventsRequest
                {
                    LogGroupName = group.Key.LogGroup,
                    FilterPattern = "{ (" + string.Join(" || ", ExpressResumeLookup.EndTypes.Select(t => "$.type = \"" + t + "\"")) + ") && $.execution_arn = \"" + ExpressResumeLookup.ExecutionPrefix(group.Key.Copy) + "*\" }",
                    StartTime = new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc)).ToUnixTimeMilliseconds() - 1000,
                };
                var ends = new Dictionary<string, (string Status, DateTime At)>(StringComparer.Ordinal);
                try
                {
                    do
                    {
                        var page = await filterLogs(request, cancellationToken).ConfigureAwait(false);
                        foreach (var e in page.Events.Where(e => !string.IsNullOrEmpty(e.Message)))
                        {
                            var record = LogRecordParser.Parse(e.Message!);
                            ends[record.ExecutionArn] = (ExpressResumeLookup.StatusOf(record.Event.Type), record.Event.Timestamp);
                        }

                        request.NextToken = page.NextToken;
                    }
                    while (request.NextToken != null);
                }
                catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
                {
                    // The runs go on; only following them failed (no permission, say). Report them as they stand.
                    foreach (var run in group)
                    {
                        run.Result.Reason = $"The resumed run could not be followed in its log group: {e.Message}";
                        ended.Add(run);
                    }

                    continue;
                }

                foreach (var pair in ends)
                {
                    var (arn, end) = (pair.Key, pair.Value);
                    if (!byArn.TryGetValue(arn, out var run))
                    {
                        continue;
                    }

                    Ends(run, end.Status);
                    if (ExecutionStatuses.IsFailed(end.Status))
                    {
                        try
                        {
                            var point = await expressLocator.LocateInGroupAsync(filterLogs, group.Key.LogGroup, arn, StateMachineDefinition.TryParse(run.Item.Copy!.Plan.Copy.Definition),
                                run.Result.ResumedAt?.AddSeconds(-1), end.At.AddSeconds(1), cancellationToken).ConfigureAwait(false);
                            run.Result.FailurePoint = ResumedRunFailure.InOriginalTerms(point, run.Item.Copy.Plan.Copy);
                        }
                        catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
                        {
                            run.Result.Reason = $"It failed again; where could not be read: {e.Message}";
                        }
                    }

                    ended.Add(run);
                }
            }

            return ended;
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
                catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
                {
                    var code = e is StepFunctionsException refused && !string.IsNullOrEmpty(refused.ErrorCode) ? refused.ErrorCode
                        : e is StepFunctionsException answered ? $"HTTP {(int)answered.StatusCode}" : e.GetType().Name;
                    notice($"The runs of '{group.Key.Machine}' could not be listed ({code}): each is described on its own every round, one call per run instead of one for all. "
                        + $"Allow states:ListExecutions on '{group.Key.Machine}' to follow them with one call a round.");
                    toCheck.AddRange(runs);
                    continue;
                }

                toCheck.AddRange(runs.Where(r => r.Result.ResumedExecutionArn == null || !running.Contains(r.Result.ResumedExecutionArn)));
            }

            return toCheck;
        }

        /// <summary>
        /// How the run stands at the end of the wait, in its result: Status (whatever it said before: Started, or
        /// AlreadyResumed for a run an earlier command began) and ResumedStatus both become the run's own.
        /// </summary>
        private static void Ends(ResumedRun run, string status)
        {
            run.Result.ResumedStatus = status;
            run.Result.Status = status;
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

            Ends(run, now.Status);
            if (ExecutionStatuses.IsFailed(now.Status))
            {
                var definition = run.Item.Method == RedriveMethod.GoTo ? StateMachineDefinition.TryParse(run.Item.Copy!.Plan.Copy.Definition) : run.Item.RanDefinition;
                try
                {
                    var point = await locator.LocateDescribedAsync(now, definition, (request, ct) => retry.RunAsync(c => client.GetExecutionHistoryAsync(request, c), ct), cancellationToken).ConfigureAwait(false);
                    run.Result.FailurePoint = run.Item.Method == RedriveMethod.GoTo ? ResumedRunFailure.InOriginalTerms(point, run.Item.Copy!.Plan.Copy) : point;
                }
                catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
                {
                    run.Result.Reason = $"It failed again; where could not be read: {e.Message}";
                }
            }

            return true;
        }
    }
}
