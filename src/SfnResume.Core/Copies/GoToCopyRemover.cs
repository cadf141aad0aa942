using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Model;

namespace SfnResume.Copies
{
    /// <summary>
    /// Deletes GoTo copies, and nothing else: a machine is deleted only when it is SfnResume's copy
    /// (<see cref="CopyIdentity"/>), and, unless the caller says otherwise, only when no execution of it runs,
    /// because AWS stops a deleted machine's running executions at their next state transition. In two steps,
    /// so that the caller can ask the user in between: <see cref="CheckAsync"/> reads and refuses,
    /// <see cref="RemoveAsync"/> looks at the running executions once more and deletes.
    /// </summary>
    public sealed class GoToCopyRemover
    {
        private readonly IStepFunctionsClient client;
        private readonly TransientRetry retry;
        private readonly GoToCopyCatalog catalog;

        public GoToCopyRemover(IStepFunctionsClient client, TransientRetry retry)
        {
            this.client = client;
            this.retry = retry;
            catalog = new GoToCopyCatalog(client, retry);
        }

        /// <summary>The copy as it is now, when it may be deleted.</summary>
        /// <param name="includeRunning">Delete it even when it runs executions, or when that cannot be told.</param>
        /// <exception cref="GoToCopyException">It does not exist, is no copy, or runs executions (or may) and <paramref name="includeRunning"/> is false.</exception>
        public async Task<GoToCopy> CheckAsync(string stateMachineArn, bool includeRunning, CancellationToken cancellationToken)
        {
            var copy = await catalog.InspectAsync(stateMachineArn, cancellationToken).ConfigureAwait(false);
            if (!includeRunning && copy.Status != GoToCopyStatus.Deleting)
            {
                Refuse(copy);
            }

            return copy;
        }

        /// <summary>
        /// Deletes the copy <see cref="CheckAsync"/> returned. Unless <paramref name="includeRunning"/>, its running
        /// executions are counted once more first: one may have started while the user was asked.
        /// </summary>
        /// <returns>The copy, Deleted, with a note of what the deletion leaves to AWS.</returns>
        public async Task<GoToCopy> RemoveAsync(GoToCopy copy, bool includeRunning, CancellationToken cancellationToken)
        {
            if (copy.Status == GoToCopyStatus.Deleting)
            {
                // AWS is deleting it already; another request would change nothing.
                return copy;
            }

            if (!includeRunning && copy.RunningExecutions != null)
            {
                copy.RunningExecutions = await catalog.CountRunningAsync(copy.StateMachineArn, cancellationToken).ConfigureAwait(false);
                if (copy.RunningExecutions > 0)
                {
                    copy.Status = GoToCopyStatus.Running;
                }

                Refuse(copy);
            }

            // Repeating a delete deletes nothing more, so a passing failure may be retried.
            await retry.RunAsync(ct => client.DeleteStateMachineAsync(new DeleteStateMachineRequest { StateMachineArn = copy.StateMachineArn }, ct), cancellationToken).ConfigureAwait(false);
            copy.Status = GoToCopyStatus.Deleted;
            copy.Note = copy.RunningExecutions switch
            {
                null => "Step Functions lists no Express executions: any still running may write logs until they end, and AWS deletes an Express state machine eventually (usually within a minute).",
                0 => null,
                var running => $"AWS stops its {Runs(running.Value)} at their next state transition and deletes it once they have ended.",
            };
            return copy;
        }

        private static void Refuse(GoToCopy copy)
        {
            if (copy.RunningExecutions == null)
            {
                throw new GoToCopyException(GoToCopyProblem.RunningExecutionsUnknown, copy.StateMachineArn,
                    $"'{copy.StateMachineName}' was kept: it is an Express state machine, and Step Functions lists no Express executions, so whether deleting it would stop work cannot be told.", copy);
            }

            if (copy.RunningExecutions > 0)
            {
                throw new GoToCopyException(GoToCopyProblem.HasRunningExecutions, copy.StateMachineArn,
                    $"'{copy.StateMachineName}' was kept: it has {Runs(copy.RunningExecutions.Value)}, and deleting it would stop them at their next state transition.", copy);
            }
        }

        private static string Runs(int count) => count == 1 ? "1 running execution" : $"{count} running executions";
    }
}
