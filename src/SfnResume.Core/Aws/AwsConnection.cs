using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using SfnResume.Aws.Pacing;

namespace SfnResume.Aws
{
    /// <summary>
    /// Resolved connection settings: which credentials and region to use and where they came from.
    /// The order follows AWS Tools for PowerShell: explicit parameters, then the profile named, then the
    /// shell defaults, then the SDK's default chains.
    /// </summary>
    public sealed class AwsConnection
    {
        /// <summary>Used for signing when only an endpoint was given; local emulators accept any region.</summary>
        public const string EmulatorSigningRegion = "us-east-1";

        private readonly int? maxErrorRetry;
        private readonly string account;

        private AwsConnection(AWSCredentials? credentials, ConnectionSource credentialSource, RegionEndpoint region, ConnectionSource regionSource, Uri? endpointUrl, string? endpointVariable, string? profileName, int? maxErrorRetry, string account)
        {
            this.account = account;
            Credentials = credentials;
            CredentialSource = credentialSource;
            Region = region;
            RegionSource = regionSource;
            EndpointUrl = endpointUrl;
            EndpointVariable = endpointVariable;
            ProfileName = profileName;
            this.maxErrorRetry = maxErrorRetry;
        }

        /// <summary>Null means the SDK's default credential chain, resolved at the first request.</summary>
        public AWSCredentials? Credentials { get; }

        /// <summary>Where the credentials come from, for verbose output. Never a secret.</summary>
        public ConnectionSource CredentialSource { get; }

        public RegionEndpoint Region { get; }

        public ConnectionSource RegionSource { get; }

        /// <summary>The profile named in the settings, which gave the credentials or the region.</summary>
        public string? ProfileName { get; }

        public Uri? EndpointUrl { get; }

        /// <summary>Where <see cref="EndpointUrl"/> came from: given, or from an environment variable (<see cref="EndpointVariable"/>).</summary>
        public ConnectionSource? EndpointSource => EndpointUrl == null ? (ConnectionSource?)null : EndpointVariable == null ? ConnectionSource.Given : ConnectionSource.Environment;

        /// <summary>The SDK's environment variable that set <see cref="EndpointUrl"/>; null when it was given.</summary>
        public string? EndpointVariable { get; }

        /// <summary>Where the SDK's default chain looks for credentials, in the order it does.</summary>
        public const string SdkCredentialChain = "the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables, the AWS_PROFILE or default profile in the shared credentials "
            + "and config files, web identity, and the container and EC2 instance metadata";

        /// <summary>Whether requests go to AWS itself (a regional or VPC endpoint of amazonaws.com), not an emulator or a test server.</summary>
        public bool IsAwsEndpoint => EndpointUrl == null || IsAwsHost(EndpointUrl.Host);

        /// <summary>The variables the SDK reads a Step Functions endpoint from, most specific first, as it does.</summary>
        public static readonly string[] EndpointVariables = { "AWS_ENDPOINT_URL_SFN", "AWS_ENDPOINT_URL" };

        /// <param name="cancellationToken">Stops the search of the SDK's credential chain (instance metadata can take seconds).</param>
        public static AwsConnection Resolve(AwsConnectionSettings settings, CancellationToken cancellationToken = default)
        {
            if (settings == null)
            {
                throw new ArgumentNullException(nameof(settings));
            }

            CredentialProfile? profile = null;
            if (!string.IsNullOrEmpty(settings.ProfileName))
            {
                var store = new CredentialProfileStoreChain(settings.ProfileLocation);
                if (!store.TryGetProfile(settings.ProfileName, out profile))
                {
                    var where = string.IsNullOrEmpty(settings.ProfileLocation) ? "the SDK store or the shared credentials file" : $"'{settings.ProfileLocation}'";
                    throw new AwsConnectionException("ProfileNotFound", $"The AWS profile '{settings.ProfileName}' was not found in {where}.")
                    {
                        ProfileName = settings.ProfileName,
                        ProfileLocation = settings.ProfileLocation,
                    };
                }
            }

            var endpointUrl = ParseEndpointUrl(settings.EndpointUrl);
            string? endpointVariable = null;
            if (endpointUrl == null && ConfiguredEndpoint() is (Uri configured, string variable))
            {
                // The SDK would send every request there anyway: say so, and treat it as the endpoint it is.
                endpointUrl = configured;
                endpointVariable = variable;
            }

            var (region, regionSource) = ResolveRegion(settings, profile, endpointUrl);
            var (credentials, credentialSource) = ResolveCredentials(settings, profile, cancellationToken);
            return new AwsConnection(credentials, credentialSource, region, regionSource, endpointUrl, endpointVariable, profile?.Name, settings.MaxErrorRetry, AccountOf(settings, profile, credentials, endpointUrl));
        }

        /// <summary>The variable that turns pacing On for any endpoint, or Off for all.</summary>
        public const string PacingVariable = "SFNRESUME_PACING";

        /// <summary>
        /// A client paced to the account's API quotas (<see cref="RequestPacer"/>), shared with every other client
        /// of that account and region in this process. AWS's endpoints are paced, VPC endpoints included; another
        /// endpoint (an emulator, a test server) has no such quotas and is not, unless SFNRESUME_PACING=On asks
        /// (to measure against an endpoint that plays AWS's buckets). SFNRESUME_PACING=Off stops pacing
        /// everywhere, for an account whose quotas were raised above the documented ones.
        /// </summary>
        public StepFunctionsClient CreateClient() => CreateClient(Paced() ? RequestPacer.For(account, Region.SystemName) : null);

        /// <summary>A client paced by <paramref name="pacer"/> instead of the account's shared one (tests; null: not paced).</summary>
        internal StepFunctionsClient CreateClient(RequestPacer? pacer)
        {
            var config = new StepFunctionsClientConfig();
            Configure(config);
            return new StepFunctionsClient(Credentials, config, pacer);
        }

        /// <summary>
        /// A CloudWatch Logs client for the same credentials, region and endpoint, paced to the Logs quotas of the
        /// account (<see cref="Logs.CloudWatchLogsQuotas"/>) where Step Functions clients are paced.
        /// </summary>
        public Logs.CloudWatchLogsClient CreateLogsClient() => CreateLogsClient(Paced() ? Logs.CloudWatchLogsQuotas.PacerFor(account, Region.SystemName) : null);

        /// <summary>A Logs client paced by <paramref name="pacer"/> instead of the account's shared one (tests; null: not paced).</summary>
        internal Logs.CloudWatchLogsClient CreateLogsClient(RequestPacer? pacer)
        {
            var config = new Logs.CloudWatchLogsClientConfig();
            Configure(config);
            return new Logs.CloudWatchLogsClient(Credentials, config, pacer);
        }

        /// <summary>
        /// The endpoint, region and retries every service client of this connection shares. One endpoint URL serves
        /// both services: an emulator (LocalStack) or a test server answers Step Functions and Logs on one host.
        /// </summary>
        private void Configure(ClientConfig config)
        {
            if (EndpointUrl != null)
            {
                config.ServiceURL = EndpointUrl.ToString();
                config.AuthenticationRegion = Region.SystemName;
            }
            else
            {
                config.RegionEndpoint = Region;
            }

            if (maxErrorRetry.HasValue)
            {
                config.MaxErrorRetry = maxErrorRetry.Value;
                if (maxErrorRetry.Value == 0)
                {
                    // The caller retries and paces itself (bulk batches, completion). The SDK's adaptive mode, which
                    // AWS_RETRY_MODE=adaptive or a profile's retry_mode can switch on, would refuse requests on its own
                    // ("capacity could not be obtained"): with 1,000 executions against AWS's buckets it failed 367.
                    config.RetryMode = RequestRetryMode.Standard;
                }
            }
        }

        private bool Paced()
        {
            var asked = Environment.GetEnvironmentVariable(PacingVariable);
            if (string.Equals(asked, "Off", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (string.Equals(asked, "On", StringComparison.OrdinalIgnoreCase) || EndpointUrl == null)
            {
                return true;
            }

            var host = EndpointUrl.Host;
            return host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase)
                || host.EndsWith(".api.aws", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// What tells accounts apart for pacing, without a call to STS: the access key, the profile, or the
        /// credentials object; and the endpoint, since an emulator keeps buckets of its own. Two names for one
        /// account only pace it less tightly, and throttling then slows both down.
        /// </summary>
        private static string AccountOf(AwsConnectionSettings settings, CredentialProfile? profile, AWSCredentials? credentials, Uri? endpointUrl)
        {
            string who;
            if (!string.IsNullOrEmpty(settings.AccessKey))
            {
                who = "key " + settings.AccessKey;
            }
            else if (profile != null)
            {
                who = "profile " + profile.Name + "@" + settings.ProfileLocation;
            }
            else if (credentials != null)
            {
                who = "credentials #" + RuntimeHelpers.GetHashCode(credentials).ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                who = "default chain";
            }

            return endpointUrl == null ? who : who + " at " + endpointUrl;
        }

        private static (AWSCredentials? Credentials, ConnectionSource Source) ResolveCredentials(AwsConnectionSettings settings, CredentialProfile? profile, CancellationToken cancellationToken)
        {
            if (settings.Credentials != null)
            {
                return (settings.Credentials, ConnectionSource.Given);
            }

            var hasAccessKey = !string.IsNullOrEmpty(settings.AccessKey);
            var hasSecretKey = !string.IsNullOrEmpty(settings.SecretKey);
            if (hasAccessKey != hasSecretKey)
            {
                throw new AwsConnectionException("IncompleteAccessKey", hasAccessKey ? "An access key was given without its secret key." : "A secret key was given without its access key.");
            }

            if (hasAccessKey)
            {
                AWSCredentials keys = string.IsNullOrEmpty(settings.SessionToken)
                    ? new BasicAWSCredentials(settings.AccessKey, settings.SecretKey)
                    : new SessionAWSCredentials(settings.AccessKey, settings.SecretKey, settings.SessionToken);
                return (keys, ConnectionSource.AccessKeys);
            }

            if (profile != null)
            {
                var store = new CredentialProfileStoreChain(settings.ProfileLocation);
                if (!store.TryGetAWSCredentials(profile.Name, out var fromProfile))
                {
                    throw new AwsConnectionException("ProfileCredentialsInvalid", $"The AWS profile '{profile.Name}' has no usable credentials.") { ProfileName = profile.Name };
                }

                return (fromProfile, ConnectionSource.Profile);
            }

            if (settings.ShellCredentials != null)
            {
                return (settings.ShellCredentials, ConnectionSource.ShellDefault);
            }

            try
            {
                // Searched now rather than at the first request: its failure is then one clear error before any
                // call, not the SDK's list of every provider's complaint (web identity's among them, configured or not).
                // The async form: the SDK AWS.Tools may have loaded first (4.0.3 on) has no cancellable sync one.
                var chain = new DefaultAWSCredentialsIdentityResolver().ResolveIdentityAsync(null, cancellationToken).GetAwaiter().GetResult();
                return (chain, ConnectionSource.SdkChain);
            }
            catch (AmazonClientException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new AwsConnectionException("NoCredentials", "No AWS credentials were found: none were given, no profile was named, the shell has no default, "
                    + "and the SDK's chain found none (" + SdkCredentialChain + ").", e);
            }
        }

        private static (RegionEndpoint Region, ConnectionSource Source) ResolveRegion(AwsConnectionSettings settings, CredentialProfile? profile, Uri? endpointUrl)
        {
            var (region, source) = ChosenRegion(settings, profile, endpointUrl != null);
            var toAws = endpointUrl == null || IsAwsHost(endpointUrl.Host);

            // Against AWS an ARN of another region is never found there: say so before any request. Another
            // endpoint (an emulator) signs with the region given whatever region its ARNs name.
            if (settings.ArnRegion != null && toAws && !string.Equals(region.SystemName, settings.ArnRegion, StringComparison.OrdinalIgnoreCase))
            {
                throw new AwsConnectionException("RegionMismatch", $"The region {region.SystemName} contradicts the ARN, which is in {settings.ArnRegion}: Step Functions in {region.SystemName} would not find it.")
                {
                    Region = region.SystemName,
                    RegionSource = source,
                    ArnRegion = settings.ArnRegion,
                    ProfileName = profile?.Name,
                };
            }

            return (region, source);
        }

        /// <summary>The region given, the profile's, the shell default, the ARN's, then the SDK's chain (AWS_REGION...).</summary>
        private static (RegionEndpoint Region, ConnectionSource Source) ChosenRegion(AwsConnectionSettings settings, CredentialProfile? profile, bool hasEndpoint)
        {
            if (!string.IsNullOrEmpty(settings.Region))
            {
                return (RegionEndpoint.GetBySystemName(settings.Region), ConnectionSource.Given);
            }

            if (profile?.Region != null)
            {
                return (profile.Region, ConnectionSource.Profile);
            }

            if (!string.IsNullOrEmpty(settings.ShellRegion))
            {
                return (RegionEndpoint.GetBySystemName(settings.ShellRegion), ConnectionSource.ShellDefault);
            }

            if (settings.ArnRegion != null)
            {
                return (RegionEndpoint.GetBySystemName(settings.ArnRegion), ConnectionSource.Arn);
            }

            var fromEnvironment = FallbackRegionFactory.GetRegionEndpoint();
            if (fromEnvironment != null)
            {
                return (fromEnvironment, ConnectionSource.SdkChain);
            }

            if (hasEndpoint)
            {
                return (RegionEndpoint.GetBySystemName(EmulatorSigningRegion), ConnectionSource.EmulatorDefault);
            }

            throw new AwsConnectionException("RegionNotSpecified", "No AWS region was given, and none was found in the profile, the shell default, the ARN or the SDK's chain.");
        }

        private static (Uri Url, string Variable)? ConfiguredEndpoint()
        {
            if (string.Equals(Environment.GetEnvironmentVariable("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            foreach (var variable in EndpointVariables)
            {
                var value = Environment.GetEnvironmentVariable(variable);
                if (!string.IsNullOrWhiteSpace(value) && Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
                {
                    return (url, variable);
                }
            }

            return null;
        }

        private static bool IsAwsHost(string host)
            => host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase);

        private static Uri? ParseEndpointUrl(string? endpointUrl)
        {
            if (string.IsNullOrEmpty(endpointUrl))
            {
                return null;
            }

            if (!Uri.TryCreate(endpointUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new AwsConnectionException("InvalidEndpointUrl", $"'{endpointUrl}' is not an http or https URL.") { EndpointUrl = endpointUrl };
            }

            return uri;
        }
    }
}
