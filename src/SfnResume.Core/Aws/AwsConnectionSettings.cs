using Amazon.Runtime;

namespace SfnResume.Aws
{
    /// <summary>
    /// How to reach Step Functions, in the terms of the AWS Tools for PowerShell common parameters.
    /// Everything is optional; <see cref="AwsConnection.Resolve"/> fills the gaps from shell defaults and
    /// then from the SDK's own chains (environment, profiles, SSO, web identity, container and instance roles).
    /// </summary>
    public sealed class AwsConnectionSettings
    {
        public string? ProfileName { get; set; }

        /// <summary>A credentials file to read profiles from instead of the default locations.</summary>
        public string? ProfileLocation { get; set; }

        public string? Region { get; set; }

        public AWSCredentials? Credentials { get; set; }

        public string? AccessKey { get; set; }

        public string? SecretKey { get; set; }

        public string? SessionToken { get; set; }

        /// <summary>An explicit endpoint, e.g. a local emulator on http://127.0.0.1:port.</summary>
        public string? EndpointUrl { get; set; }

        /// <summary>Credentials set for the shell with AWS.Tools' <c>Set-AWSCredential</c>.</summary>
        public AWSCredentials? ShellCredentials { get; set; }

        /// <summary>Region set for the shell with AWS.Tools' <c>Set-DefaultAWSRegion</c>.</summary>
        /// <summary>How <see cref="ShellCredentials"/> were read, for -Verbose.</summary>
        public string? ShellCredentialsSource { get; set; }

        public string? ShellRegion { get; set; }

        /// <summary>
        /// The region the ARN the call is about names (see <see cref="T:SfnResume.Aws.ArnRegion"/>): used when neither -Region, the
        /// profile nor the shell default names one; against AWS, a region that contradicts it is refused before any request.
        /// </summary>
        public string? ArnRegion { get; set; }

        /// <summary>How many times the SDK retries throttling and 5xx answers; null keeps the SDK default.</summary>
        public int? MaxErrorRetry { get; set; }
    }
}
