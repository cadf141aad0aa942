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
    /// Finds the definition each execution ran with one call per distinct definition, not per execution.
    /// DescribeStateMachineForExecution refills at one call per second, so a thousand calls would take a
    /// quarter of an hour. Its answer says since when the revision it returns has been current
    /// (updateDate), and every execution started since then ran that same revision; only executions
    /// started before it need another call. Executions started from a published version ran that version,
    /// which DescribeStateMachine reads once per version.
    /// </summary>
    public sealed class RanDefinitionResolver
    {
        private readonly IStepFunctionsClient client;
        private readonly TransientRetry retry;

        public RanDefinitionResolver(IStepFunctionsClient client, TransientRetry retry)
        {
            this.client = client;
            this.retry = retry;
        }

        /// <summary>
        /// Executions of one state machine → the definition each ran. An execution is missing from the answer when
        /// its definition could not be read (no permission): nothing is known about it.
        /// </summary>
        public async Task<IReadOnlyDictionary<string, string>> ResolveAsync(IReadOnlyList<DescribeExecutionResponse> executions, CancellationToken cancellationToken)
        {
            var ran = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var version in executions.Where(e => !string.IsNullOrEmpty(e.StateMachineVersionArn)).GroupBy(e => e.StateMachineVersionArn!))
            {
                var definition = await TryReadAsync(ct => DescribeVersionAsync(version.Key, ct), cancellationToken).ConfigureAwait(false);
                foreach (var execution in version.Where(_ => definition != null))
                {
                    ran[execution.ExecutionArn] = definition!.Definition;
                }
            }

            var unresolved = executions.Where(e => string.IsNullOrEmpty(e.StateMachineVersionArn)).OrderByDescending(e => e.StartDate).ToList();
            while (unresolved.Count > 0)
            {
                var newest = unresolved[0];
                unresolved.RemoveAt(0);
                var revision = await TryReadAsync(ct => client.DescribeStateMachineForExecutionAsync(new DescribeStateMachineForExecutionRequest { ExecutionArn = newest.ExecutionArn }, ct), cancellationToken).ConfigureAwait(false);
                if (revision == null)
                {
                    continue;
                }

                ran[newest.ExecutionArn] = revision.Definition;
                if (revision.UpdateDate == default)
                {
                    continue;
                }

                foreach (var same in unresolved.Where(e => e.StartDate >= revision.UpdateDate).ToList())
                {
                    ran[same.ExecutionArn] = revision.Definition;
                    unresolved.Remove(same);
                }
            }

            return ran;
        }

        private async Task<DescribeStateMachineForExecutionResponse> DescribeVersionAsync(string versionArn, CancellationToken cancellationToken)
        {
            var version = await client.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = versionArn }, cancellationToken).ConfigureAwait(false);
            return new DescribeStateMachineForExecutionResponse { Definition = version.Definition };
        }

        private async Task<T?> TryReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
            where T : class
        {
            try
            {
                return await retry.RunAsync(read, cancellationToken).ConfigureAwait(false);
            }
            catch (StepFunctionsException e) when (!TransientRetry.IsTransient(e, cancellationToken))
            {
                // No permission to read definitions: redrive eligibility then rests on AWS's rules alone.
                return null;
            }
        }
    }
}
