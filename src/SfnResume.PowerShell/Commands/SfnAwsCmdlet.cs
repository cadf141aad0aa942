using System;
using System.Management.Automation;
using System.Threading;
using Amazon.Runtime;
using SfnResume.Aws;
using SfnResume.PowerShell.Completers;
using SfnResume.PowerShell.Internal;

namespace SfnResume.PowerShell.Commands
{
    /// <summary>
    /// Base of every cmdlet that talks to AWS. It carries the AWS Tools for PowerShell common parameters with
    /// the same names, aliases and meaning, falls back to the shell defaults AWS.Tools.Common keeps, and
    /// cancels in-flight requests when the user presses Ctrl+C.
    /// </summary>
    public abstract class SfnAwsCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private StepFunctionsClient? client;
        private AwsConnection? connection;
        private Aws.Logs.CloudWatchLogsClient? logsClient;
        private Amazon.S3.IAmazonS3? s3Client;
        private AwsConnectionSettings? clientSettings;

        // Reference fields only: a struct field of the engine's types would make the runtime load the engine while
        // PowerShell inspects the cmdlets, before the module's assembly resolver is in place.
        private AwsConnectionSettings? failedSettings;
        private AwsConnectionException? failure;
        private ErrorPolicy? errors;

        /// <summary>A profile from the SDK store or the shared credentials file.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("StoredCredentials", "AWSProfileName")]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public string? ProfileName { get; set; }

        /// <summary>A credentials file to read -ProfileName from.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        public string? ProfileLocation { get; set; }

        /// <summary>The region to call, e.g. eu-west-1.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("RegionToCall")]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        /// <summary>An AWSCredentials object, e.g. from Get-AWSCredential or (Use-STSRole).Credentials.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public AWSCredentials? Credential { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AK")]
        public string? AccessKey { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("SK", "SecretAccessKey")]
        public string? SecretKey { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ST")]
        public string? SessionToken { get; set; }

        /// <summary>Send requests here instead of the region's Step Functions endpoint (VPC endpoints, local emulators).</summary>
        [Parameter]
        public string? EndpointUrl { get; set; }

        /// <summary>Cancelled when the pipeline is stopped (Ctrl+C).</summary>
        protected CancellationToken CancellationToken => stopping.Token;

        /// <summary>The map from what went wrong to the error the user reads, worded for this cmdlet's parameters.</summary>
        private protected ErrorPolicy Errors => errors ??= new ErrorPolicy(MyInvocation.MyCommand.Parameters.Keys);

        /// <summary>How often the SDK itself retries throttling and 5xx; null keeps the SDK's default.</summary>
        protected virtual int? SdkRetries => null;

        public void Dispose()
        {
            client?.Dispose();
            logsClient?.Dispose();
            s3Client?.Dispose();
            stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        protected override void StopProcessing()
        {
            stopping.Cancel();
        }

        /// <summary>Stops the work still going on in the background, as Ctrl+C would: the pipeline is ending with an error.</summary>
        protected void StopBackgroundWork()
        {
            stopping.Cancel();
        }

        /// <summary>
        /// The client for the current record's connection parameters. Parameters bound by property name can
        /// change between records, so the client is rebuilt when they do; in the usual case it is built once.
        /// </summary>
        /// <param name="arn">The ARN the call is about: its region is used when -Region is not given, and a
        /// -Region that contradicts it is refused (see <see cref="AwsConnection"/>).</param>
        protected IStepFunctionsClient GetClient(string? arn = null)
        {
            var shellCredentials = ShellDefaults.Credentials(SessionState);
            var settings = new AwsConnectionSettings
            {
                ProfileName = ProfileName,
                ProfileLocation = ProfileLocation,
                Region = Region,
                Credentials = Credential,
                AccessKey = AccessKey,
                SecretKey = SecretKey,
                SessionToken = SessionToken,
                EndpointUrl = EndpointUrl,
                MaxErrorRetry = SdkRetries,
                ShellCredentials = shellCredentials?.Credentials,
                ShellCredentialsSource = shellCredentials?.Source,
                ShellRegion = ShellDefaults.Region(SessionState.PSVariable),
                ArnRegion = ArnRegion.Of(arn),
            };
            if (client == null || clientSettings == null || !SameConnection(settings, clientSettings))
            {
                // The same settings fail the same way: a thousand piped items without credentials are a thousand
                // errors at once, not a thousand searches of the credential chain.
                if (failedSettings != null && failure != null && SameConnection(settings, failedSettings))
                {
                    throw failure;
                }

                client?.Dispose();
                client = null;
                logsClient?.Dispose();
                logsClient = null;
                s3Client?.Dispose();
                s3Client = null;
                try
                {
                    connection = AwsConnection.Resolve(settings, CancellationToken);
                }
                catch (AwsConnectionException e)
                {
                    failedSettings = settings;
                    failure = e;
                    throw;
                }

                WriteNote(ConnectionWords.Describe(connection, settings.ShellCredentialsSource));
                client = connection.CreateClient();
                Errors.Endpoint = connection.EndpointUrl != null ? $"at {connection.EndpointUrl}" : $"in {connection.Region.SystemName}";
                clientSettings = settings;
            }

            return client;
        }

        /// <summary>
        /// The CloudWatch Logs client for the same connection as <see cref="GetClient"/> (same credentials, region and
        /// endpoint): Express executions are read from their logs.
        /// </summary>
        protected Aws.Logs.ICloudWatchLogsClient GetLogsClient(string? arn = null)
        {
            GetClient(arn);
            return logsClient ??= connection!.CreateLogsClient();
        }

        /// <summary>
        /// The S3 client (AWSSDK.S3) for the same connection as <see cref="GetClient"/> (credentials, region, and
        /// an emulator's endpoint, see <see cref="S3Clients"/>): a failed Distributed Map's items are read, and the
        /// file of items to re-run written.
        /// </summary>
        protected Amazon.S3.IAmazonS3 GetS3Client(string? arn = null)
        {
            GetClient(arn);
            return s3Client ??= S3Clients.Create(connection!);
        }

        /// <summary>
        /// Does the work for one item; what goes wrong with it is one non-terminating error, and the pipeline goes
        /// on with the next. Ctrl+C stops the pipeline; the runtime failing ends it.
        /// </summary>
        /// <param name="item">What the work is about and the step it is at, for the error (see <see cref="ErrorPolicy"/>).</param>
        /// <param name="work">Everything done for the item, its output written as soon as it exists.</param>
        private protected void RunItem(ItemScope item, Action work)
        {
            try
            {
                work();
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception e) when (!ErrorPolicy.IsFatal(e))
            {
                WriteItemError(e, item);
            }
        }

        /// <summary>
        /// A note for -Verbose: every verbose line of the module goes through here. Under -Debug (without -Verbose)
        /// PowerShell turns the verbose stream to Inquire and follows each line with a bare "Continue with this
        /// operation?" that says nothing of its own; a note is no decision to make, so there it is written as a
        /// debug line, which PowerShell 7 shows under -Debug without asking (Windows PowerShell 5.1 asks after
        /// each debug line, the line shown above the question). Empty text is never written: it would make an
        /// empty line, or under Inquire an empty prompt.
        /// </summary>
        private protected void WriteNote(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            var bound = MyInvocation.BoundParameters;
            if (bound.TryGetValue("Debug", out var debug) && LanguagePrimitives.IsTrue(debug) && !bound.ContainsKey("Verbose"))
            {
                WriteDebug(text);
            }
            else
            {
                WriteVerbose(text);
            }
        }

        /// <summary>Writes the error for one failed item and lets the pipeline go on with the next.</summary>
        private protected void WriteItemError(Exception exception, ItemScope item)
        {
            WriteError(Errors.Record(exception, item));
        }

        private static bool SameConnection(AwsConnectionSettings a, AwsConnectionSettings b)
        {
            return a.ProfileName == b.ProfileName && a.ProfileLocation == b.ProfileLocation && a.Region == b.Region
                && ReferenceEquals(a.Credentials, b.Credentials) && a.AccessKey == b.AccessKey && a.SecretKey == b.SecretKey
                && a.SessionToken == b.SessionToken && a.EndpointUrl == b.EndpointUrl
                && ReferenceEquals(a.ShellCredentials, b.ShellCredentials) && a.ShellRegion == b.ShellRegion && a.ArnRegion == b.ArnRegion;
        }
    }
}
