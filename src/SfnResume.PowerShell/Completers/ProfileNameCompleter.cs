using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Amazon.Runtime.CredentialManagement;

namespace SfnResume.PowerShell.Completers
{
    /// <summary>-ProfileName: the profiles of the SDK's stores (the SDK store, the shared config and credentials files, or -ProfileLocation).</summary>
    public sealed class ProfileNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            IEnumerable<CredentialProfile> profiles;
            try
            {
                profiles = new CredentialProfileStoreChain(AwsCompletion.Text(fakeBoundParameters, "ProfileLocation")).ListProfiles();
            }
#pragma warning disable CA1031 // An unreadable credentials file must not put an error in the middle of a command line.
            catch (Exception)
#pragma warning restore CA1031
            {
                return Enumerable.Empty<CompletionResult>();
            }

            return CompletionResults.Matching(wordToComplete, profiles
                .Select(p => p.Name)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(n => n, StringComparer.Ordinal)
                .Select(n => new CompletionCandidate(n)));
        }
    }
}
