using System;
using System.Collections;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using SfnResume.Aws;
using SfnResume.Completion;
using SfnResume.PowerShell.Internal;

namespace SfnResume.PowerShell.Completers
{
    /// <summary>
    /// Asks Step Functions on behalf of a completer, with the connection parameters already on the command
    /// line (-Region, -ProfileName, -EndpointUrl...) and the shell defaults. Completion runs while the user
    /// waits: one try, no SDK retries, at most a few seconds, and any failure is an empty answer rather than
    /// an error in the middle of the line. Answers are kept for the PowerShell session for a short while.
    /// </summary>
    internal static class AwsCompletion
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
        private static readonly ExpiringCache<object> Answers = new ExpiringCache<object>(TimeSpan.FromMinutes(2));

        /// <returns>The answer, or null when there is none to give (no connection, an error, too slow).</returns>
        public static T? Ask<T>(IDictionary? fakeBoundParameters, string question, Func<IStepFunctionsClient, CancellationToken, Task<T>> read)
            where T : class
        {
            try
            {
                var connection = AwsConnection.Resolve(SettingsFrom(fakeBoundParameters));
                var key = string.Join("|", question, connection.Region.SystemName, connection.EndpointUrl, connection.CredentialSource, connection.ProfileName);
                return (T)Answers.GetOrLoad(key, () =>
                {
                    using var client = connection.CreateClient();
                    using var timeout = new CancellationTokenSource(Timeout);
                    return Task.Run(() => read(client, timeout.Token), timeout.Token).GetAwaiter().GetResult();
                });
            }
#pragma warning disable CA1031 // Completion must never put an error in the middle of a command line.
            catch (Exception)
#pragma warning restore CA1031
            {
                return null;
            }
        }

        /// <summary>A parameter's value as bound so far, as text; null when absent or not a plain value.</summary>
        public static string? Text(IDictionary? fakeBoundParameters, string name)
        {
            var value = Value(fakeBoundParameters, name);
            return value is string text && text.Length > 0 ? text : null;
        }

        public static object? Value(IDictionary? fakeBoundParameters, string name)
        {
            if (fakeBoundParameters == null || !fakeBoundParameters.Contains(name))
            {
                return null;
            }

            var value = fakeBoundParameters[name];
            return value is PSObject wrapped ? wrapped.BaseObject : value;
        }

        private static AwsConnectionSettings SettingsFrom(IDictionary? bound)
        {
            var state = CompletionSession.Current();
            var variables = state?.PSVariable;
            var shellCredentials = state == null ? null : ShellDefaults.Credentials(state);
            return new AwsConnectionSettings
            {
                ProfileName = Text(bound, "ProfileName"),
                ProfileLocation = Text(bound, "ProfileLocation"),
                Region = Text(bound, "Region"),
                Credentials = Value(bound, "Credential") as AWSCredentials,
                AccessKey = Text(bound, "AccessKey"),
                SecretKey = Text(bound, "SecretKey"),
                SessionToken = Text(bound, "SessionToken"),
                EndpointUrl = Text(bound, "EndpointUrl"),
                MaxErrorRetry = 0,
                ShellCredentials = shellCredentials?.Credentials,
                ShellCredentialsSource = shellCredentials?.Source,
                ShellRegion = variables == null ? null : ShellDefaults.Region(variables),
            };
        }
    }
}
