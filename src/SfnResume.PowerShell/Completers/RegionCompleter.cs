using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Amazon;

namespace SfnResume.PowerShell.Completers
{
    /// <summary>-Region: the regions the AWS SDK knows, with their display names.</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return CompletionResults.Matching(wordToComplete, RegionEndpoint.EnumerableAllRegions
                .OrderBy(r => r.SystemName, System.StringComparer.Ordinal)
                .Select(r => new CompletionCandidate(r.SystemName, r.SystemName, r.DisplayName)));
        }
    }
}
