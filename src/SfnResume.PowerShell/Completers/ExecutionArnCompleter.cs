using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SfnResume.Aws;
using SfnResume.Completion;

namespace SfnResume.PowerShell.Completers
{
    /// <summary>
    /// -ExecutionArn: the newest executions of a state machine (ListExecutions), failed, timed-out and aborted
    /// ones first. The state machine is the -StateMachineArn on the line, or the one a partly typed execution
    /// ARN names (arn:aws:states:...:execution:Orders:&lt;Tab&gt;).
    /// </summary>
    public sealed class ExecutionArnCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var parts = word.Split(':');
            var stateMachineArn = AwsCompletion.Text(fakeBoundParameters, "StateMachineArn")
                ?? (parts.Length >= 7 ? ExecutionArns.StateMachineOf(string.Join(":", parts.Take(7)) + ":") : null);
            if (stateMachineArn == null)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            var executions = AwsCompletion.Ask(fakeBoundParameters, "executions|" + stateMachineArn, (client, cancel) => CompletionSource.ExecutionsAsync(client, stateMachineArn, cancel));
            if (executions == null)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            // After "...:execution:Orders:" only the execution's name is still being typed.
            var typed = parts.Length >= 8 ? parts[7] : word;
            return CompletionResults.Matching(typed, executions.Select(e =>
                new CompletionCandidate(e.ExecutionArn, $"{e.Name} ({e.Status})", $"{e.Name}: {e.Status}, started {e.StartDate:u}", e.Name)));
        }
    }
}
