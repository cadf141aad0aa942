using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.Definitions;

namespace SfnResume.Completion
{
    /// <summary>
    /// What tab completion offers, read from a definition or from Step Functions. Each read is one request:
    /// completion has to answer while the user waits, so it takes the first page and no more.
    /// </summary>
    public static class CompletionSource
    {
        /// <summary>How many executions or state machines one completion asks for (one page).</summary>
        public const int PageSize = 100;

        /// <summary>The states a GoTo copy can resume at: the top-level states, in definition order.</summary>
        /// <exception cref="DefinitionFormatException">The text is not a state machine definition.</exception>
        public static IReadOnlyList<string> ResumableStates(string definition)
        {
            return StateMachineDefinition.Parse(definition).TopLevelStates;
        }

        /// <summary>The definition a state machine has now.</summary>
        public static async Task<string> CurrentDefinitionAsync(IStepFunctionsClient client, string stateMachineArn, CancellationToken cancellationToken)
        {
            var machine = await client.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = stateMachineArn }, cancellationToken).ConfigureAwait(false);
            return machine.Definition;
        }

        /// <summary>The definition an execution ran.</summary>
        public static async Task<string> RanDefinitionAsync(IStepFunctionsClient client, string executionArn, CancellationToken cancellationToken)
        {
            var machine = await client.DescribeStateMachineForExecutionAsync(new DescribeStateMachineForExecutionRequest { ExecutionArn = executionArn }, cancellationToken).ConfigureAwait(false);
            return machine.Definition;
        }

        public static async Task<IReadOnlyList<StateMachineListItem>> StateMachinesAsync(IStepFunctionsClient client, CancellationToken cancellationToken)
        {
            var page = await client.ListStateMachinesAsync(new ListStateMachinesRequest { MaxResults = PageSize }, cancellationToken).ConfigureAwait(false);
            return page.StateMachines;
        }

        /// <summary>
        /// The newest executions of a state machine, those that ended in failure first (the ones worth
        /// resuming), each group newest first as ListExecutions returns them.
        /// </summary>
        public static async Task<IReadOnlyList<ExecutionListItem>> ExecutionsAsync(IStepFunctionsClient client, string stateMachineArn, CancellationToken cancellationToken)
        {
            var page = await client.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = stateMachineArn, MaxResults = PageSize }, cancellationToken).ConfigureAwait(false);
            return page.Executions.Where(e => ExecutionStatuses.IsFailed(e.Status))
                .Concat(page.Executions.Where(e => !ExecutionStatuses.IsFailed(e.Status)))
                .ToList();
        }
    }
}
