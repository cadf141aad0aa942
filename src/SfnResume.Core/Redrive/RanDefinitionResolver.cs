using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Model;

namespace SfnResume.Redrive
{
    /// <summary>
    /// Finds the definition each execution of one state machine ran, with one call per distinct definition,
    /// not per execution. DescribeStateMachineForExecution refills at one call per second, so a thousand calls
    /// would take a quarter of an hour.
    /// <para>Its answer names the revision an execution ran and since when that revision was current
    /// (updateDate). When that is the state machine's current revision (the same revisionId), every execution
    /// started since then ran it too. An older revision was current at least from its updateDate to the start
    /// of the execution asked about, so the executions started in that span need no call either. Executions
    /// started from a published version ran that version, which DescribeStateMachine reads once per version.</para>
    /// <para>Executions arrive one by one. Until an answer names an older revision, each execution nothing
    /// known covers is asked about at once; most batches stop there, every execution having run the current
    /// revision. After that, the executions nothing covers wait until every execution of the batch has
    /// arrived and are then asked about newest first, each answer covering the older executions of its
    /// revision. That is one call per distinct definition when executions arrive newest first, as
    /// ListExecutions lists them, and at most one more in any other order.</para>
    /// </summary>
    internal sealed class RanDefinitionResolver
    {
        private readonly IStepFunctionsClient client;
        private readonly BatchCalls calls;
        private readonly Task<DescribeStateMachineResponse> current;
        private readonly Task allArrived;
        private readonly SemaphoreSlim oneAtATime = new SemaphoreSlim(1, 1);
        private readonly Dictionary<string, string?> versions = new Dictionary<string, string?>(StringComparer.Ordinal);
        private readonly List<(DateTime From, DateTime To, string Definition)> spans = new List<(DateTime, DateTime, string)>();
        private readonly List<(DescribeExecutionResponse Execution, TaskCompletionSource<string?> Answer)> deferred = new List<(DescribeExecutionResponse, TaskCompletionSource<string?>)>();
        private DateTime? currentSince;
        private bool olderRevisionSeen;
        private bool unreadable;

        /// <param name="calls">How the batch calls AWS.</param>
        /// <param name="current">DescribeStateMachine's answer for the state machine, which may still be on its way.</param>
        /// <param name="allArrived">Completes when every execution that will ask has arrived.</param>
        public RanDefinitionResolver(IStepFunctionsClient client, BatchCalls calls, Task<DescribeStateMachineResponse> current, Task allArrived)
        {
            this.client = client;
            this.calls = calls;
            this.current = current;
            this.allArrived = allArrived;
        }

        /// <summary>
        /// The definition <paramref name="execution"/> ran; null when it could not be read (no permission):
        /// nothing is known about it then.
        /// </summary>
        /// <param name="arrived">Called once the execution is counted in: answered or waiting its turn.</param>
        public async Task<string?> ResolveAsync(DescribeExecutionResponse execution, Action arrived, CancellationToken cancellationToken)
        {
            TaskCompletionSource<string?> answer;

            // One at a time, so that what one call learns spares the calls of the executions waiting behind it.
            await oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!string.IsNullOrEmpty(execution.StateMachineVersionArn))
                {
                    arrived();
                    return await VersionRanAsync(execution.StateMachineVersionArn!, cancellationToken).ConfigureAwait(false);
                }

                if (TryKnown(execution, out var known))
                {
                    arrived();
                    return known;
                }

                if (!olderRevisionSeen)
                {
                    arrived();
                    return await AskAsync(execution, cancellationToken).ConfigureAwait(false);
                }

                // Counted in only once held back: the last execution to arrive then waits with the others, and
                // all of them are asked about newest first.
                answer = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
                deferred.Add((execution, answer));
                arrived();
            }
            finally
            {
                oneAtATime.Release();
            }

            using (cancellationToken.Register(() => answer.TrySetCanceled()))
            {
                await Task.WhenAny(allArrived, answer.Task).ConfigureAwait(false);
                await AnswerDeferredAsync(cancellationToken).ConfigureAwait(false);
                return await answer.Task.ConfigureAwait(false);
            }
        }

        /// <summary>Once every execution has arrived: those that waited, newest first.</summary>
        private async Task AnswerDeferredAsync(CancellationToken cancellationToken)
        {
            await oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                foreach (var (execution, answer) in deferred.OrderByDescending(d => d.Execution.StartDate).ToList())
                {
                    if (answer.Task.IsCompleted)
                    {
                        continue;
                    }

                    try
                    {
                        answer.TrySetResult(TryKnown(execution, out var known) ? known : await AskAsync(execution, cancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception e)
                    {
                        answer.TrySetException(e);
                    }
                }

                deferred.Clear();
            }
            finally
            {
                oneAtATime.Release();
            }
        }

        private bool TryKnown(DescribeExecutionResponse execution, out string? definition)
        {
            definition = null;
            if (unreadable)
            {
                return true;
            }

            if (currentSince.HasValue && execution.StartDate >= currentSince.Value)
            {
                // Set only once the current revision was read.
                definition = current.Result.Definition;
                return true;
            }

            var span = spans.FirstOrDefault(s => s.From <= execution.StartDate && execution.StartDate <= s.To);
            definition = span.Definition;
            return definition != null;
        }

        private async Task<string?> VersionRanAsync(string versionArn, CancellationToken cancellationToken)
        {
            if (!versions.TryGetValue(versionArn, out var definition))
            {
                var version = await TryReadAsync(ct => DescribeVersionAsync(versionArn, ct), cancellationToken).ConfigureAwait(false);
                definition = versions[versionArn] = version?.Definition;
            }

            return definition;
        }

        private async Task<string?> AskAsync(DescribeExecutionResponse execution, CancellationToken cancellationToken)
        {
            if (current.IsFaulted || current.IsCanceled)
            {
                // Nothing an answer says can be compared with a current revision that could not be read: no call
                // per execution for that (DescribeStateMachineForExecution refills at one a second).
                await current.ConfigureAwait(false);
            }

            var revision = await TryReadAsync(ct => client.DescribeStateMachineForExecutionAsync(new DescribeStateMachineForExecutionRequest { ExecutionArn = execution.ExecutionArn }, ct), cancellationToken).ConfigureAwait(false);
            var now = await current.ConfigureAwait(false);
            if (revision == null)
            {
                unreadable = true;
                return null;
            }

            if (revision.UpdateDate == default)
            {
                return revision.Definition;
            }

            if (!string.IsNullOrEmpty(revision.RevisionId) && revision.RevisionId == now.RevisionId)
            {
                currentSince = revision.UpdateDate;
                return revision.Definition;
            }

            olderRevisionSeen = true;
            var same = spans.FindIndex(s => s.From == revision.UpdateDate);
            if (same < 0)
            {
                spans.Add((revision.UpdateDate, execution.StartDate, revision.Definition));
            }
            else if (spans[same].To < execution.StartDate)
            {
                spans[same] = (revision.UpdateDate, execution.StartDate, revision.Definition);
            }

            return revision.Definition;
        }
        private async Task<DescribeStateMachineForExecutionResponse> DescribeVersionAsync(string versionArn, CancellationToken cancellationToken)
        {
            var version = await client.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = versionArn }, cancellationToken).ConfigureAwait(false);
            return new DescribeStateMachineForExecutionResponse { Definition = version.Definition };
        }

        private async Task<DescribeStateMachineForExecutionResponse?> TryReadAsync(Func<CancellationToken, Task<DescribeStateMachineForExecutionResponse>> read, CancellationToken cancellationToken)
        {
            try
            {
                return await calls.RunAsync(read, cancellationToken).ConfigureAwait(false);
            }
            catch (StepFunctionsException e) when (!TransientRetry.IsTransient(e, cancellationToken))
            {
                // No permission to read definitions: redrive eligibility then rests on AWS's rules alone.
                return null;
            }
        }
    }
}
