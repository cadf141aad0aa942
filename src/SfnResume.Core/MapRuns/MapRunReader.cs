using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Logs;
using SfnResume.Aws.Model;
using SfnResume.Definitions;
using SfnResume.Express;
using SfnResume.History;
using SfnResume.Json;

namespace SfnResume.MapRuns
{
    /// <summary>
    /// Reads a Distributed Map's run: its counts (DescribeMapRun), and a failure point for each failed, timed-out
    /// and aborted child execution (ListExecutions by mapRunArn and status, a page of up to 1,000 at a time).
    /// Only the unsuccessful children are listed, so no succeeded child costs a call.
    /// <para>A Standard child costs one GetExecutionHistory call (newest first; more pages only for a failure
    /// further back): what the list says of it stands in for a DescribeExecution, and the definition the
    /// children ran is read once for all (DescribeStateMachineForExecution on the first one). An Express child
    /// has no history: the Express children are read together once all are listed, from one scan of the log
    /// group the parent logs to (<see cref="ExpressChildLogReader"/>), each located from its own records; a child
    /// whose records cannot give its failure point gets one DescribeExecution instead (its input, the item, its
    /// error and cause, which AWS allows for Map Run children) and says why in <see cref="FailurePoint.LogsProblem"/>.
    /// Up to <see cref="Concurrency"/> children are read at a time, each call waiting for its token from the
    /// client's pacer, and they come back in the order they were listed, the Express ones after the others.</para>
    /// </summary>
    public sealed class MapRunReader
    {
        /// <summary>The statuses of the children that did not succeed, in the order they are listed.</summary>
        public static readonly IReadOnlyList<string> UnsuccessfulStatuses = new[] { "FAILED", "TIMED_OUT", "ABORTED" };

        private readonly IStepFunctionsClient client;
        private readonly TransientRetry retry;
        private readonly FailurePointLocator locator = new FailurePointLocator();
        private readonly ExpressChildLogReader expressLogs;

        /// <summary>The last scan of each run's Express children: <see cref="OtherChildren"/> takes the others' inputs from it.</summary>
        private readonly Dictionary<string, ExpressChildLogs> scanned = new Dictionary<string, ExpressChildLogs>(StringComparer.Ordinal);

        /// <param name="logs">CloudWatch Logs, made on first use, for Express children's records; null: they are read by DescribeExecution alone, and say so.</param>
        public MapRunReader(IStepFunctionsClient client, TransientRetry retry, int concurrency = 8, Func<ICloudWatchLogsClient>? logs = null)
        {
            if (concurrency < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(concurrency), "At least one child at a time.");
            }

            this.client = client;
            this.retry = retry;
            Concurrency = concurrency;
            expressLogs = new ExpressChildLogReader(client, retry, logs);
        }

        /// <summary>How the note of a child begins when the definition the children ran could not be read.</summary>
        public const string DefinitionNotReadNote = "The definition the children ran could not be read";

        /// <summary>How many children are read at once.</summary>
        public int Concurrency { get; }

        /// <summary>Fills <paramref name="run"/> from DescribeMapRun: status, counts, tolerated failure, concurrency.</summary>
        public async Task DescribeAsync(MapRun run, CancellationToken cancellationToken)
        {
            Apply(run, await retry.RunAsync(ct => client.DescribeMapRunAsync(new DescribeMapRunRequest { MapRunArn = run.MapRunArn }, ct), cancellationToken).ConfigureAwait(false));
        }

        /// <summary>What DescribeMapRun answered, onto the run.</summary>
        public static void Apply(MapRun run, DescribeMapRunResponse described)
        {
            run.ExecutionArn = string.IsNullOrEmpty(described.ExecutionArn) ? run.ExecutionArn : described.ExecutionArn;
            run.Status = described.Status;
            run.StartDate = described.StartDate;
            run.StopDate = described.StopDate;
            run.MaxConcurrency = described.MaxConcurrency;
            run.ToleratedFailureCount = described.ToleratedFailureCount;
            run.ToleratedFailurePercentage = described.ToleratedFailurePercentage;
            run.ItemCounts = described.ItemCounts;
            run.ExecutionCounts = described.ExecutionCounts;
            run.RedriveCount = described.RedriveCount ?? 0;
        }

        /// <summary>
        /// The failed, timed-out and aborted children of <paramref name="run"/>, each with its failure point (or the
        /// error that kept it from being read), in listing order, as they are read. Blocks: meant for the caller's
        /// own thread, which writes each as it comes. A status the described run counts none of is not listed.
        /// </summary>
        /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
        /// <exception cref="StepFunctionsException">Listing the children failed.</exception>
        public IEnumerable<MapRunChildFailure> Children(MapRun run, CancellationToken cancellationToken)
        {
            var definition = new ChildDefinition(client, retry);
            var reading = new Queue<Task<MapRunChildFailure>>();
            var express = new List<ExecutionListItem>();
            foreach (var status in UnsuccessfulStatuses)
            {
                if (run.ExecutionCounts != null && CountOf(run.ExecutionCounts, status) == 0)
                {
                    continue;
                }

                var request = new ListExecutionsRequest { MapRunArn = run.MapRunArn, StatusFilter = status, MaxResults = 1000 };
                foreach (var page in BlockingEnumerable.Of(client.ListExecutionsPagesAsync(request, cancellationToken, retry), cancellationToken))
                {
                    foreach (var listed in page.Executions)
                    {
                        if (ExecutionArns.IsExpress(listed.ExecutionArn))
                        {
                            // Read together from one scan of their log group, once all are known.
                            express.Add(listed);
                            continue;
                        }

                        // A window of reads in flight: the oldest is waited for (and handed out) before another starts.
                        if (reading.Count >= Concurrency)
                        {
                            yield return Wait(reading.Dequeue(), cancellationToken);
                        }

                        reading.Enqueue(ReadAsync(listed, run, definition, cancellationToken));
                    }
                }
            }

            if (express.Count > 0)
            {
                var records = expressLogs.ReadAsync(run, express, cancellationToken).GetAwaiter().GetResult();
                scanned[run.MapRunArn] = records;
                ExpressScanned?.Invoke(records);
                foreach (var listed in express)
                {
                    if (reading.Count >= Concurrency)
                    {
                        yield return Wait(reading.Dequeue(), cancellationToken);
                    }

                    reading.Enqueue(ReadExpressAsync(listed, run, records, cancellationToken));
                }
            }

            while (reading.Count > 0)
            {
                yield return Wait(reading.Dequeue(), cancellationToken);
            }
        }

        /// <summary>Told what the scan of the Express children's log group found, before they are handed out: the caller's warning, once.</summary>
        public Action<ExpressChildLogs>? ExpressScanned { get; set; }

        /// <summary>The statuses of the children that ran to success or have not ended, listed for the precise resume.</summary>
        public static readonly IReadOnlyList<string> OtherStatuses = new[] { "SUCCEEDED", "RUNNING", "PENDING_REDRIVE" };

        /// <summary>
        /// Of every <see cref="InputReadCycle"/> Standard children whose input is read, this many are read with
        /// DescribeExecution and the rest with the first page of their history: AWS meters the two calls in
        /// separate buckets (DescribeExecution 15 a second, GetExecutionHistory 20, in the large regions), so
        /// sharing the reads in that proportion drains both at once, 35 a second where one call alone gives 15.
        /// </summary>
        private const int DescribesPerCycle = 3;

        private const int InputReadCycle = 7;

        /// <summary>
        /// The succeeded and unfinished children of <paramref name="run"/>, each with its own input (one
        /// DescribeExecution, or one single-event page of its history, each, in the same window and order as
        /// <see cref="Children"/>): what the precise resume needs to tell which items not to run again. A status
        /// the described run counts none of is not listed.
        /// </summary>
        /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
        /// <exception cref="StepFunctionsException">Listing the children failed.</exception>
        public IEnumerable<MapRunChildInput> OtherChildren(MapRun run, CancellationToken cancellationToken)
        {
            var reading = new Queue<Task<MapRunChildInput>>();
            var read = 0;
            foreach (var status in OtherStatuses)
            {
                if (run.ExecutionCounts != null && OtherCountOf(run.ExecutionCounts, status) == 0)
                {
                    continue;
                }

                var request = new ListExecutionsRequest { MapRunArn = run.MapRunArn, StatusFilter = status, MaxResults = 1000 };
                foreach (var page in BlockingEnumerable.Of(client.ListExecutionsPagesAsync(request, cancellationToken, retry), cancellationToken))
                {
                    foreach (var listed in page.Executions)
                    {
                        if (reading.Count >= Concurrency)
                        {
                            yield return Wait(reading.Dequeue(), cancellationToken);
                        }

                        if (scanned.TryGetValue(run.MapRunArn, out var records) && records.StartedInputs.TryGetValue(listed.ExecutionArn, out var logged))
                        {
                            // An Express child whose input the scan of the unsuccessful ones read already: no call.
                            reading.Enqueue(Task.FromResult(new MapRunChildInput(listed, logged, null)));
                            continue;
                        }

                        var byHistory = !ExecutionArns.IsExpress(listed.ExecutionArn) && read++ % InputReadCycle >= DescribesPerCycle;
                        reading.Enqueue(byHistory ? ReadStartedInputAsync(listed, cancellationToken) : ReadInputAsync(listed, cancellationToken));
                    }
                }
            }

            while (reading.Count > 0)
            {
                yield return Wait(reading.Dequeue(), cancellationToken);
            }
        }

        private static long OtherCountOf(MapRunCounts counts, string status) => status switch
        {
            "SUCCEEDED" => counts.Succeeded,
            "RUNNING" => counts.Running,
            _ => counts.PendingRedrive ?? 1,
        };

        private async Task<MapRunChildInput> ReadInputAsync(ExecutionListItem listed, CancellationToken cancellationToken)
        {
            try
            {
                var described = await retry.RunAsync(ct => client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = listed.ExecutionArn }, ct), cancellationToken).ConfigureAwait(false);
                return new MapRunChildInput(listed, described.Input, null);
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested) && !(e is OutOfMemoryException))
            {
                return new MapRunChildInput(listed, null, e);
            }
        }

        /// <summary>A Standard child's input from its ExecutionStarted event: the oldest event, alone on the first page.</summary>
        private async Task<MapRunChildInput> ReadStartedInputAsync(ExecutionListItem listed, CancellationToken cancellationToken)
        {
            try
            {
                var request = new GetExecutionHistoryRequest { ExecutionArn = listed.ExecutionArn, MaxResults = 1, ReverseOrder = false, IncludeExecutionData = true };
                var page = await retry.RunAsync(ct => client.GetExecutionHistoryAsync(request, ct), cancellationToken).ConfigureAwait(false);
                var started = page.Events.Count > 0 && page.Events[0].Type == "ExecutionStarted" ? page.Events[0] : null;
                return started == null
                    ? new MapRunChildInput(listed, null, new InvalidOperationException($"The history of {listed.ExecutionArn} does not begin with ExecutionStarted, so its input was not read."))
                    : new MapRunChildInput(listed, started.Details?.Input, null);
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested) && !(e is OutOfMemoryException))
            {
                return new MapRunChildInput(listed, null, e);
            }
        }

        private static T Wait<T>(Task<T> reading, CancellationToken cancellationToken)
        {
            // A read never throws but for cancellation (its failures are the child's): waiting ends with Ctrl+C too.
            reading.Wait(cancellationToken);
            return reading.Result;
        }

        private static long CountOf(MapRunCounts counts, string status) => status switch
        {
            "FAILED" => counts.Failed,
            "TIMED_OUT" => counts.TimedOut,
            _ => counts.Aborted,
        };

        private async Task<MapRunChildFailure> ReadAsync(ExecutionListItem listed, MapRun run, ChildDefinition definition, CancellationToken cancellationToken)
        {
            try
            {
                var point = await ReadStandardAsync(listed, definition, cancellationToken).ConfigureAwait(false);
                point.ParentExecutionArn = run.ExecutionArn;
                point.ParentMapRunArn = run.MapRunArn;
                return new MapRunChildFailure(listed, point, null);
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested) && !(e is OutOfMemoryException))
            {
                return new MapRunChildFailure(listed, null, e);
            }
        }

        private async Task<FailurePoint> ReadStandardAsync(ExecutionListItem listed, ChildDefinition definition, CancellationToken cancellationToken)
        {
            var execution = listed.AsDescribed();
            var ran = await definition.GetAsync(listed.ExecutionArn, cancellationToken).ConfigureAwait(false);

            // The child's own input (its item) is in its ExecutionStarted event: taken from the pages the analysis
            // reads anyway, so the precise resume can tell which item the child ran without a call more.
            string? started = null;
            async Task<GetExecutionHistoryResponse> ReadPageAsync(GetExecutionHistoryRequest request, CancellationToken ct)
            {
                var page = await retry.RunAsync(c => client.GetExecutionHistoryAsync(request, c), ct).ConfigureAwait(false);
                foreach (var e in page.Events)
                {
                    if (e.Type == "ExecutionStarted")
                    {
                        started = e.Details?.Input;
                    }
                }

                return page;
            }

            var point = await locator.LocateDescribedAsync(execution, ran.Definition, ReadPageAsync, cancellationToken).ConfigureAwait(false);
            point.ExecutionInput = started;
            if (ran.Note != null)
            {
                point.Notes = new List<string>(point.Notes) { ran.Note };
            }

            return point;
        }

        /// <summary>An Express child: from its records when they give its failure point, else from DescribeExecution, saying why.</summary>
        private async Task<MapRunChildFailure> ReadExpressAsync(ExecutionListItem listed, MapRun run, ExpressChildLogs records, CancellationToken cancellationToken)
        {
            try
            {
                var point = records.Locate(listed.ExecutionArn, cancellationToken, out var problem)
                    ?? await DescribeExpressAsync(listed, problem!, cancellationToken).ConfigureAwait(false);
                point.ParentExecutionArn = run.ExecutionArn;
                point.ParentMapRunArn = run.MapRunArn;
                return new MapRunChildFailure(listed, point, null);
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested) && !(e is OutOfMemoryException))
            {
                return new MapRunChildFailure(listed, null, e);
            }
        }

        /// <summary>How the note of an Express child read without its records begins.</summary>
        public const string ExpressWithoutRecordsNote = "An Express child execution: Step Functions keeps no history of it, and its log records could not give the state it failed in";

        private async Task<FailurePoint> DescribeExpressAsync(ExecutionListItem listed, ExpressLogsException problem, CancellationToken cancellationToken)
        {
            var described = await retry.RunAsync(ct => client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = listed.ExecutionArn }, ct), cancellationToken).ConfigureAwait(false);
            return new FailurePoint
            {
                ExecutionArn = listed.ExecutionArn,
                ExecutionName = string.IsNullOrEmpty(listed.Name) ? ExecutionArns.NameOf(listed.ExecutionArn) : listed.Name,
                StateMachineArn = described.StateMachineArn,
                Status = described.Status,
                Error = described.Error,
                Cause = described.Cause,
                CauseDetails = JsonValues.TryParseObject(described.Cause),
                FailedAt = described.StopDate ?? listed.StopDate ?? default,
                RedriveCount = described.RedriveCount ?? 0,
                ExecutionInput = described.Input,
                Notes = new[]
                {
                    $"{ExpressWithoutRecordsNote} ({problem.Code}: {problem.Message}), so that state and its input are unknown. Its own input (the item) is ExecutionInput, from DescribeExecution. {problem.Advice}",
                },
                LogsProblem = problem.Code,
                Source = "AWS",
            };
        }

        /// <summary>
        /// The definition the children ran, asked for once (every child of a run runs the same ItemProcessor) and
        /// shared; without it each child is still located, from its history alone, and says so.
        /// </summary>
        private sealed class ChildDefinition
        {
            private readonly IStepFunctionsClient client;
            private readonly TransientRetry retry;
            private readonly object gate = new object();
            private Task<(StateMachineDefinition? Definition, string? Note)>? reading;

            public ChildDefinition(IStepFunctionsClient client, TransientRetry retry)
            {
                this.client = client;
                this.retry = retry;
            }

            public Task<(StateMachineDefinition? Definition, string? Note)> GetAsync(string childArn, CancellationToken cancellationToken)
            {
                lock (gate)
                {
                    return reading ??= ReadAsync(childArn, cancellationToken);
                }
            }

            private async Task<(StateMachineDefinition?, string?)> ReadAsync(string childArn, CancellationToken cancellationToken)
            {
                try
                {
                    var ran = await retry.RunAsync(ct => client.DescribeStateMachineForExecutionAsync(new DescribeStateMachineForExecutionRequest { ExecutionArn = childArn }, ct), cancellationToken).ConfigureAwait(false);
                    return (StateMachineDefinition.Parse(ran.Definition), null);
                }
                catch (StepFunctionsException e)
                {
                    return (null, $"{DefinitionNotReadNote} ({e.ErrorCode}: {e.Message}); state paths come from the history alone.");
                }
                catch (DefinitionFormatException e)
                {
                    return (null, "The definition the children ran could not be parsed (" + e.Message + "); state paths come from the history alone.");
                }
            }
        }
    }
}
