using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SfnResume.Completion;

namespace SfnResume.PowerShell.Completers
{
    /// <summary>
    /// -StateName: the states a GoTo copy can resume at, from the definition on the command line
    /// (-DefinitionPath or -Definition, offline) or from Step Functions (the current definition of
    /// -StateMachineArn, or the definition a -FailurePoint's execution ran).
    /// </summary>
    public sealed class StateNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var states = StatesFrom(fakeBoundParameters) ?? Array.Empty<string>();
            return CompletionResults.Matching(wordToComplete, states.Select(s => new CompletionCandidate(s)));
        }

        private static IReadOnlyList<string>? StatesFrom(IDictionary fakeBoundParameters)
        {
            var definition = AwsCompletion.Text(fakeBoundParameters, "Definition");
            var definitionPath = AwsCompletion.Text(fakeBoundParameters, "DefinitionPath");
            if (definition == null && definitionPath != null)
            {
                definition = ReadFile(definitionPath);
            }

            if (definition != null)
            {
                return Parse(definition);
            }

            var stateMachineArn = AwsCompletion.Text(fakeBoundParameters, "StateMachineArn");
            if (stateMachineArn != null)
            {
                return AwsCompletion.Ask(fakeBoundParameters, "states|" + stateMachineArn,
                    async (client, cancel) => Parse(await CompletionSource.CurrentDefinitionAsync(client, stateMachineArn, cancel).ConfigureAwait(false)));
            }

            var executionArn = AwsCompletion.Value(fakeBoundParameters, "FailurePoint") is FailurePoint point ? point.ExecutionArn : null;
            if (executionArn != null)
            {
                return AwsCompletion.Ask(fakeBoundParameters, "ran-states|" + executionArn,
                    async (client, cancel) => Parse(await CompletionSource.RanDefinitionAsync(client, executionArn, cancel).ConfigureAwait(false)));
            }

            return null;
        }

        private static IReadOnlyList<string> Parse(string definition)
        {
            try
            {
                return CompletionSource.ResumableStates(definition);
            }
            catch (Definitions.DefinitionFormatException)
            {
                return Array.Empty<string>();
            }
        }

        /// <summary>The file as PowerShell resolves the path (relative to the current location, ~, PSDrives).</summary>
        private static string? ReadFile(string path)
        {
            try
            {
                var resolved = CompletionSession.Current()?.Path.GetUnresolvedProviderPathFromPSPath(path) ?? path;
                return File.Exists(resolved) ? File.ReadAllText(resolved) : null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException || e is RuntimeException)
            {
                return null;
            }
        }
    }
}
