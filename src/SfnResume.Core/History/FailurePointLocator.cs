using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.Definitions;
using SfnResume.Json;

namespace SfnResume.History
{
    /// <summary>
    /// Builds <see cref="FailurePoint"/>s from AWS or from saved files. Calls block: the caller (a cmdlet's
    /// pipeline thread) gets progress callbacks on its own thread, between pages.
    /// </summary>
    public sealed class FailurePointLocator
    {
        private readonly FailurePointFinder finder = new FailurePointFinder();

        /// <summary>
        /// Describes the execution, reads the definition it ran (DescribeStateMachineForExecution) and its
        /// history newest first, one page of 1,000 events at a time, until the failure point is known.
        /// </summary>
        /// <param name="pageRead">Called after each history page with the number of pages and events read so far.</param>
        /// <exception cref="ExpressExecutionException">An Express execution (no history API).</exception>
        /// <exception cref="ExecutionNotFailedException">The execution is running, succeeded or waits for a redrive.</exception>
        /// <exception cref="StepFunctionsException">An AWS error, e.g. ExecutionDoesNotExist.</exception>
        public FailurePoint Locate(IStepFunctionsClient client, string executionArn, Action<int, int>? pageRead, CancellationToken cancellationToken)
            => Locate(client, executionArn, null, pageRead, cancellationToken);

        /// <summary>As <see cref="Locate(IStepFunctionsClient, string, Action{int, int}?, CancellationToken)"/>, with the definition the execution ran given rather than asked for.</summary>
        /// <param name="given">The definition to analyse with; null to ask Step Functions for the one the execution ran.</param>
        public FailurePoint Locate(IStepFunctionsClient client, string executionArn, StateMachineDefinition? given, Action<int, int>? pageRead, CancellationToken cancellationToken)
        {
            if (ExecutionArns.IsExpress(executionArn))
            {
                throw new ExpressExecutionException($"'{executionArn}' is an Express execution. Step Functions keeps no history for Express workflows; enable CloudWatch Logs with execution data on the state machine to see where they fail.");
            }

            var execution = client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = executionArn, IncludedData = "METADATA_ONLY" }, cancellationToken).GetAwaiter().GetResult();
            if (!ExecutionStatuses.IsFailed(execution.Status))
            {
                throw new ExecutionNotFailedException(execution.Status, $"The execution '{executionArn}' is {execution.Status}: only failed, timed-out or aborted executions have a failure point.");
            }

            var notes = new List<string>();
            if (given != null)
            {
                return LocateDescribed(client, executionArn, execution, given, notes, pageRead, cancellationToken);
            }

            StateMachineDefinition? definition = null;
            try
            {
                var ran = client.DescribeStateMachineForExecutionAsync(new DescribeStateMachineForExecutionRequest { ExecutionArn = executionArn }, cancellationToken).GetAwaiter().GetResult();
                definition = StateMachineDefinition.Parse(ran.Definition);
            }
            catch (StepFunctionsException e) when (e.ErrorCode != "ThrottlingException")
            {
                // Without the definition the history alone still locates the failure, at the cost of reading more.
                // AWS's message names what was refused (the action, for AccessDenied): the note says it as AWS did.
                notes.Add($"The definition could not be read ({e.ErrorCode}: {e.Message}); state paths come from the history alone.");
            }
            catch (DefinitionFormatException e)
            {
                notes.Add("The definition could not be parsed (" + e.Message + "); state paths come from the history alone.");
            }

            return LocateDescribed(client, executionArn, execution, definition, notes, pageRead, cancellationToken);
        }

        /// <summary>
        /// Reads only the history, for an execution already described (and known to have failed) whose definition
        /// the caller has read or chosen to go without: what Invoke-SfnRedrive does for many executions at once.
        /// </summary>
        public FailurePoint LocateDescribed(IStepFunctionsClient client, DescribeExecutionResponse execution, StateMachineDefinition? definition, CancellationToken cancellationToken)
            => LocateDescribed(client, execution.ExecutionArn, execution, definition, new List<string>(), null, cancellationToken);

        /// <summary>
        /// <see cref="LocateDescribed(IStepFunctionsClient, DescribeExecutionResponse, StateMachineDefinition, CancellationToken)"/>
        /// without holding a thread while pages come: the first page is read asynchronously and analysed; most
        /// failures are found in it. Only an analysis that goes further back starts again on a thread of its
        /// own, which waits for the later pages as it reaches them (the finder pulls events one by one). When the
        /// history does not fit <paramref name="definition"/> (a damaged definition or history), it is analysed
        /// again without it, from the pages already read.
        /// </summary>
        /// <param name="readPage">One GetExecutionHistory call, with the caller's retries and limits around it.</param>
        public async Task<FailurePoint> LocateDescribedAsync(
            DescribeExecutionResponse execution,
            StateMachineDefinition? definition,
            Func<GetExecutionHistoryRequest, CancellationToken, Task<GetExecutionHistoryResponse>> readPage,
            CancellationToken cancellationToken)
        {
            var pages = new HistoryPages(execution.ExecutionArn, readPage);
            await pages.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await AnalyzePagesAsync(execution, definition, pages, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (definition != null && (e is DefinitionFormatException || e is HistoryFormatException))
            {
                return await AnalyzePagesAsync(execution, null, pages, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<FailurePoint> AnalyzePagesAsync(DescribeExecutionResponse execution, StateMachineDefinition? definition, HistoryPages pages, CancellationToken cancellationToken)
        {
            FailureAnalysis analysis;
            try
            {
                analysis = finder.Analyze(pages.ReadSoFar(), definition, cancellationToken);
            }
            catch (MorePagesNeededException)
            {
                analysis = await Task.Factory.StartNew(
                    () => finder.Analyze(pages.All(cancellationToken), definition, cancellationToken),
                    cancellationToken,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default).ConfigureAwait(false);
            }

            return Create(analysis, execution.ExecutionArn, ExecutionArns.NameOf(execution.ExecutionArn), execution.StateMachineArn, execution.RedriveCount ?? 0, definition, "AWS", new List<string>());
        }

        /// <summary>Reads a saved history (and optionally the definition it ran) from files.</summary>
        /// <exception cref="HistoryFormatException">The file is not a history.</exception>
        /// <exception cref="DefinitionFormatException">The definition file is not a state machine definition.</exception>
        /// <exception cref="ExecutionNotFailedException">The history ends without a failure.</exception>
        public FailurePoint LocateInFile(string historyPath, string? definitionPath, CancellationToken cancellationToken = default)
        {
            return LocateInFileWith(historyPath, definitionPath == null ? null : StateMachineDefinition.Parse(File.ReadAllText(definitionPath)), cancellationToken);
        }

        /// <summary>The failure point in a saved history, read with a definition already parsed (one for many files).</summary>
        public FailurePoint LocateInFileWith(string historyPath, StateMachineDefinition? definition, CancellationToken cancellationToken = default)
        {
            // The file stays open while the analysis reads the details it needs, and no longer.
            // The outputs of the states that end a branch or iteration are kept as the scan passes them: a GoTo
            // copy replays them, and reading them after the scan would read most of a long Map's history again.
            var branchEnds = definition?.AllStates.Where(s => !s.IsTopLevel && s.EndsBranch).Select(s => s.Name);
            using var history = SavedHistory.Open(historyPath, branchEnds);
            var events = history.Events;
            var analysis = finder.Analyze(NewestFirst(events), definition, cancellationToken);
            var redrives = events.Count(e => e.Type == "ExecutionRedriven");
            return Create(analysis, null, Path.GetFileNameWithoutExtension(historyPath), null, redrives, definition, historyPath, new List<string>());
        }

        private FailurePoint LocateDescribed(IStepFunctionsClient client, string executionArn, DescribeExecutionResponse execution, StateMachineDefinition? definition, List<string> notes, Action<int, int>? pageRead, CancellationToken cancellationToken)
        {
            var request = new GetExecutionHistoryRequest { ExecutionArn = executionArn, ReverseOrder = true, MaxResults = StepFunctionsPaging.MaxHistoryPageSize, IncludeExecutionData = true };
            var analysis = finder.Analyze(ReadPages(client, request, pageRead, cancellationToken), definition, cancellationToken);
            return Create(analysis, executionArn, ExecutionArns.NameOf(executionArn), execution.StateMachineArn, execution.RedriveCount ?? 0, definition, "AWS", notes);
        }

        /// <summary>The events from the last, without copying them: a long history's list is large.</summary>
        private static IEnumerable<HistoryEvent> NewestFirst(IReadOnlyList<HistoryEvent> events)
        {
            for (var i = events.Count - 1; i >= 0; i--)
            {
                yield return events[i];
            }
        }

        private static IEnumerable<HistoryEvent> ReadPages(IStepFunctionsClient client, GetExecutionHistoryRequest request, Action<int, int>? pageRead, CancellationToken cancellationToken)
        {
            var pages = 0;
            var events = 0;
            foreach (var page in BlockingEnumerable.Of(client.GetExecutionHistoryPagesAsync(request, cancellationToken), cancellationToken))
            {
                pages++;
                events += page.Events.Count;
                pageRead?.Invoke(pages, events);
                foreach (var e in page.Events)
                {
                    yield return e;
                }
            }
        }

        internal static FailurePoint Create(FailureAnalysis analysis, string? executionArn, string executionName, string? stateMachineArn, int redriveCount, StateMachineDefinition? definition, string source, List<string> notes)
        {
            notes.AddRange(analysis.Notes);
            return new FailurePoint
            {
                ExecutionArn = executionArn,
                ExecutionName = executionName,
                StateMachineArn = stateMachineArn,
                Status = analysis.Status,
                FailedState = analysis.FailedState,
                FailedStatePath = FailurePointFinder.FormatPath(analysis.FailedStatePath),
                ResumeState = analysis.ResumeState,
                ResumeInput = analysis.ResumeInput,
                Variables = analysis.Variables,
                FailedStateInput = analysis.FailedStateInput,
                Containers = analysis.Containers,
                Error = analysis.Error,
                Cause = analysis.Cause,
                CauseDetails = JsonValues.TryParseObject(analysis.Cause),
                EventId = analysis.EventId,
                FailedAt = analysis.FailedAt,
                RetryCount = analysis.RetryCount,
                RedriveCount = redriveCount,
                QueryLanguage = definition?.QueryLanguage,
                MapRunArn = analysis.MapRunArn,
                MapRun = analysis.MapRunArn == null ? null : new MapRun { MapRunArn = analysis.MapRunArn, ExecutionArn = executionArn, Error = analysis.MapRunError, Cause = analysis.MapRunCause },
                Notes = notes,
                Source = source,
            };
        }
    }
}
