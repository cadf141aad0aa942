using System;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using Amazon.Runtime;

namespace SfnResume.PowerShell.Internal
{
    /// <summary>
    /// The shell defaults AWS.Tools.Common keeps: <c>Set-AWSCredential</c> stores <c>$StoredAWSCredentials</c>
    /// and <c>Set-DefaultAWSRegion</c> stores <c>$StoredAWSRegion</c> (the region name). Read them if present;
    /// SfnResume never writes them.
    /// </summary>
    internal static class ShellDefaults
    {
        public const string CredentialsVariable = "StoredAWSCredentials";
        public const string RegionVariable = "StoredAWSRegion";

        /// <summary>The command AWS.Tools.Common answers the shell's credentials with, given no parameters.</summary>
        public const string GetCredentialCommand = "Get-AWSCredential";

        // What Get-AWSCredential answered for each stored value: asked once, not once per piped item. A new
        // Set-AWSCredential stores a new value, which is asked again.
        private static readonly ConditionalWeakTable<object, AWSCredentials> Answered = new ConditionalWeakTable<object, AWSCredentials>();

        /// <summary>The shell's credentials, and how they were read (for -Verbose); null when none are stored.</summary>
        public static (AWSCredentials Credentials, string Source)? Credentials(SessionState state)
        {
            var value = state.PSVariable.GetValue(CredentialsVariable);
            if (value == null)
            {
                return null;
            }

            if (Unwrap(value) is AWSCredentials direct)
            {
                return (direct, "shell default (Set-AWSCredential)");
            }

            // Look the property up on the value as stored: unwrapping first would lose note properties.
            if (Unwrap(PSObject.AsPSObject(value).Properties["Credentials"]?.Value) is AWSCredentials held)
            {
                return (held, "shell default (Set-AWSCredential)");
            }

            // AWS.Tools stores an AWSPSCredentials whose Credentials property is internal, in every version: the
            // public way to them is its own Get-AWSCredential, which with no parameters answers the shell's.
            var stored = Unwrap(value)!;
            if (!Answered.TryGetValue(stored, out var asked))
            {
                asked = FromAwsTools(state);
                if (asked != null)
                {
                    lock (Answered)
                    {
                        Answered.Remove(stored);
                        Answered.Add(stored, asked);
                    }
                }
            }

            return asked != null ? (asked, "shell default (Set-AWSCredential, read with Get-AWSCredential)") : ((AWSCredentials, string)?)null;
        }

        public static string? Region(PSVariableIntrinsics variables)
        {
            var value = Unwrap(variables.GetValue(RegionVariable));
            var text = value?.ToString();
            return string.IsNullOrWhiteSpace(text) ? null : text;
        }

        private static AWSCredentials? FromAwsTools(SessionState state)
        {
            if (state.InvokeCommand.GetCommand(GetCredentialCommand, CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias) == null)
            {
                return null;
            }

            try
            {
                return state.InvokeCommand.InvokeScript(GetCredentialCommand).Select(Unwrap).OfType<AWSCredentials>().FirstOrDefault();
            }
            catch (Exception e) when (e is RuntimeException || e is InvalidOperationException)
            {
                // Whatever Get-AWSCredential could not do, the other sources still apply.
                return null;
            }
        }

        private static object? Unwrap(object? value)
        {
            return value is PSObject wrapped ? wrapped.BaseObject : value;
        }
    }
}
