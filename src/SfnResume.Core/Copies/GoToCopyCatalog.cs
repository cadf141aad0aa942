using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.GoTo;

namespace SfnResume.Copies
{
    /// <summary>
    /// Finds the GoTo copies in an account and region and reads what an operator needs to decide about each:
    /// where it came from, when it last ran, whether it runs now. Only reads. Every call is paced by the client
    /// and repeated by <see cref="TransientRetry"/> when it fails for a passing reason.
    /// </summary>
    public sealed class GoToCopyCatalog
    {
        private const int PageSize = 1000;

        private const string ExpressNote = "Step Functions lists no Express executions, so whether it runs any now, and when it last ran, cannot be told here (its CloudWatch Logs can say).";
        private const string DeletingNote = "AWS is deleting it: it goes once its executions have ended.";

        private readonly IStepFunctionsClient client;
        private readonly TransientRetry retry;

        public GoToCopyCatalog(IStepFunctionsClient client, TransientRetry retry)
        {
            this.client = client;
            this.retry = retry;
        }

        /// <summary>
        /// The copies, as steps a caller can show progress from. Without <paramref name="sourceStateMachineArn"/>:
        /// every state machine is listed (ListStateMachines) and only those named like a copy (<c>*-goto</c>) have
        /// their tags read, so a large account costs a few list pages, not a tag request per machine. With it: the
        /// one machine SfnResume would have named its copy is read, and nothing is listed.
        /// </summary>
        public async IAsyncEnumerable<CopyListingStep> ListAsync(string? sourceStateMachineArn, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (sourceStateMachineArn != null)
            {
                yield return await CopyOfAsync(StateMachineArns.Unqualified(sourceStateMachineArn), cancellationToken).ConfigureAwait(false);
                yield break;
            }

            int read = 0, found = 0;
            await foreach (var page in client.ListStateMachinesPagesAsync(new ListStateMachinesRequest { MaxResults = PageSize }, cancellationToken, retry).ConfigureAwait(false))
            {
                read += page.StateMachines.Count;
                yield return new CopyListingStep(CopyListingStepKind.Listed, read, found);
                foreach (var machine in page.StateMachines.Where(m => CopyIdentity.MayBeCopyName(m.Name)))
                {
                    var step = await StepForAsync(machine.StateMachineArn, read, found, cancellationToken).ConfigureAwait(false);
                    if (step.Kind == CopyListingStepKind.Found)
                    {
                        found++;
                        step = Found(step.Copy!, read, found);
                    }

                    yield return step;
                }
            }
        }

        /// <summary>
        /// Reads one state machine as a copy: its tags (it must be SfnResume's copy, see <see cref="CopyIdentity"/>),
        /// its description, and its executions.
        /// </summary>
        /// <exception cref="GoToCopyException">It does not exist, or it is no copy.</exception>
        public async Task<GoToCopy> InspectAsync(string stateMachineArn, CancellationToken cancellationToken)
        {
            ListTagsForResourceResponse tags;
            try
            {
                tags = await retry.RunAsync(ct => client.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceArn = stateMachineArn }, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (StepFunctionsException e) when (IsMissing(e))
            {
                throw NotFound(stateMachineArn, e);
            }

            var source = CopyIdentity.SourceOf(stateMachineArn, tags.Tags, out var reason);
            if (source == null)
            {
                throw new GoToCopyException(GoToCopyProblem.NotACopy, stateMachineArn,
                    $"'{StateMachineArns.NameOf(stateMachineArn)}' is not a GoTo copy made by SfnResume: {reason}.");
            }

            DescribeStateMachineResponse described;
            try
            {
                // Metadata only: the definition is not needed, and reading it from a machine encrypted with a
                // customer managed key would need kms:Decrypt besides.
                described = await retry.RunAsync(ct => client.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = stateMachineArn, IncludedData = "METADATA_ONLY" }, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (StepFunctionsException e) when (IsMissing(e))
            {
                throw NotFound(stateMachineArn, e);
            }

            var copy = new GoToCopy
            {
                StateMachineName = string.IsNullOrEmpty(described.Name) ? StateMachineArns.NameOf(stateMachineArn) : described.Name,
                StateMachineArn = stateMachineArn,
                SourceStateMachineArn = source,
                DefinitionSha256 = CopyIdentity.DefinitionHashOf(tags.Tags),
                Type = described.Type,
                CreationDate = described.CreationDate,
            };
            await ReadExecutionsAsync(copy, cancellationToken).ConfigureAwait(false);
            if (described.Status == "DELETING")
            {
                copy.Status = GoToCopyStatus.Deleting;
                copy.Note = copy.Note == null ? DeletingNote : DeletingNote + " " + copy.Note;
            }

            return copy;
        }

        /// <summary>How many executions of the state machine run now: every page of ListExecutions RUNNING.</summary>
        public async Task<int> CountRunningAsync(string stateMachineArn, CancellationToken cancellationToken)
        {
            var running = 0;
            var request = new ListExecutionsRequest { StateMachineArn = stateMachineArn, StatusFilter = "RUNNING", MaxResults = PageSize };
            await foreach (var page in client.ListExecutionsPagesAsync(request, cancellationToken, retry).ConfigureAwait(false))
            {
                running += page.Executions.Count;
            }

            return running;
        }

        /// <summary>
        /// When the copy last started a run, and how many run now. ListExecutions lists newest first, so one item
        /// tells the last start; a copy that never ran needs no second request.
        /// </summary>
        private async Task ReadExecutionsAsync(GoToCopy copy, CancellationToken cancellationToken)
        {
            if (copy.Type == "EXPRESS")
            {
                Unknown(copy);
                return;
            }

            ListExecutionsResponse latest;
            try
            {
                latest = await retry.RunAsync(ct => client.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = copy.StateMachineArn, MaxResults = 1 }, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (StepFunctionsException e) when (e.ErrorCode == "StateMachineTypeNotSupported")
            {
                Unknown(copy);
                return;
            }

            copy.LastStartDate = latest.Executions.Count == 0 ? (DateTime?)null : latest.Executions[0].StartDate;
            copy.RunningExecutions = copy.LastStartDate == null ? 0 : await CountRunningAsync(copy.StateMachineArn, cancellationToken).ConfigureAwait(false);
            copy.Status = copy.RunningExecutions > 0 ? GoToCopyStatus.Running : GoToCopyStatus.Idle;
        }

        private static void Unknown(GoToCopy copy)
        {
            copy.LastStartDate = null;
            copy.RunningExecutions = null;
            copy.Status = GoToCopyStatus.Unknown;
            copy.Note = ExpressNote;
        }

        /// <summary>The copy SfnResume would have made of <paramref name="sourceArn"/>: one machine read, nothing listed.</summary>
        private async Task<CopyListingStep> CopyOfAsync(string sourceArn, CancellationToken cancellationToken)
        {
            var copyArn = GoToCopyNames.ArnFor(sourceArn);
            var step = await StepForAsync(copyArn, 0, 0, cancellationToken).ConfigureAwait(false);
            if (step.Kind == CopyListingStepKind.Found && !string.Equals(step.Copy!.SourceStateMachineArn, sourceArn, StringComparison.Ordinal))
            {
                return new CopyListingStep(CopyListingStepKind.Passed, 0, 0)
                {
                    StateMachineArn = copyArn,
                    Reason = $"'{step.Copy.StateMachineName}' is the copy of '{step.Copy.SourceStateMachineArn}', not of '{sourceArn}'",
                };
            }

            return step.Kind == CopyListingStepKind.Found ? Found(step.Copy!, 0, 1) : step;
        }

        /// <summary>One machine read as a copy: found, passed (no copy, or none there), or failed; never thrown, so the listing goes on.</summary>
        private async Task<CopyListingStep> StepForAsync(string stateMachineArn, int read, int found, CancellationToken cancellationToken)
        {
            try
            {
                var copy = await InspectAsync(stateMachineArn, cancellationToken).ConfigureAwait(false);
                return new CopyListingStep(CopyListingStepKind.Found, read, found) { StateMachineArn = stateMachineArn, Copy = copy };
            }
            catch (GoToCopyException e)
            {
                return new CopyListingStep(CopyListingStepKind.Passed, read, found) { StateMachineArn = stateMachineArn, Reason = e.Message, Missing = e.Problem == GoToCopyProblem.NotFound };
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested) && !(e is OutOfMemoryException))
            {
                return new CopyListingStep(CopyListingStepKind.Failed, read, found) { StateMachineArn = stateMachineArn, Failure = e };
            }
        }

        private static CopyListingStep Found(GoToCopy copy, int read, int found)
            => new CopyListingStep(CopyListingStepKind.Found, read, found) { StateMachineArn = copy.StateMachineArn, Copy = copy };

        private static bool IsMissing(StepFunctionsException e) => e.ErrorCode == "ResourceNotFound" || e.ErrorCode == "StateMachineDoesNotExist";

        private static GoToCopyException NotFound(string stateMachineArn, StepFunctionsException cause)
            => new GoToCopyException(GoToCopyProblem.NotFound, stateMachineArn, $"There is no state machine '{stateMachineArn}' ({cause.ErrorCode}).");
    }
}
