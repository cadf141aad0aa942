using SfnResume.Aws;

namespace SfnResume.PowerShell.Internal
{
    /// <summary>Where a connection setting came from, said in the terms of the AWS.Tools common parameters.</summary>
    internal static class ConnectionWords
    {
        public static string Region(ConnectionSource? source, string? profileName) => source switch
        {
            ConnectionSource.Given => "-Region",
            ConnectionSource.Profile => $"profile '{profileName}'",
            ConnectionSource.ShellDefault => "shell default (Set-DefaultAWSRegion)",
            ConnectionSource.Arn => "the ARN",
            ConnectionSource.SdkChain => "SDK default region chain",
            ConnectionSource.EmulatorDefault => "default for -EndpointUrl",
            _ => "unknown",
        };

        /// <summary>Where the credentials came from; <paramref name="shellSource"/> says how the cmdlet read the shell's (<see cref="ShellDefaults.Credentials"/>).</summary>
        public static string Credentials(ConnectionSource source, string? profileName, string? shellSource) => source switch
        {
            ConnectionSource.Given => "-Credential",
            ConnectionSource.AccessKeys => "-AccessKey/-SecretKey",
            ConnectionSource.Profile => $"profile '{profileName}'",
            ConnectionSource.ShellDefault => shellSource ?? "shell default (Set-AWSCredential)",
            ConnectionSource.SdkChain => "SDK default credential chain",
            _ => "unknown",
        };

        /// <summary>The line -Verbose writes when a connection is made.</summary>
        public static string Describe(AwsConnection connection, string? shellSource)
        {
            var endpoint = connection.EndpointUrl == null
                ? string.Empty
                : $", endpoint {connection.EndpointUrl} from {(connection.EndpointSource == ConnectionSource.Environment ? connection.EndpointVariable : "-EndpointUrl")}"
                    + (connection.IsAwsEndpoint ? string.Empty : ", which is not AWS");
            return $"Step Functions in {connection.Region.SystemName} (region from {Region(connection.RegionSource, connection.ProfileName)}), "
                + $"credentials from {Credentials(connection.CredentialSource, connection.ProfileName, shellSource)}{endpoint}.";
        }
    }
}
