using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SfnResume.Completion;

namespace SfnResume.PowerShell.Completers
{
    /// <summary>-StateMachineArn: the account's state machines (ListStateMachines), found by name or ARN.</summary>
    public sealed class StateMachineArnCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var machines = AwsCompletion.Ask(fakeBoundParameters, "state-machines", (client, cancel) => CompletionSource.StateMachinesAsync(client, cancel));
            if (machines == null)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            return CompletionResults.Matching(wordToComplete, machines.Select(m =>
                new CompletionCandidate(m.StateMachineArn, m.Name, $"{m.Name} ({m.Type}, created {m.CreationDate:yyyy-MM-dd})", m.Name)));
        }
    }
}
