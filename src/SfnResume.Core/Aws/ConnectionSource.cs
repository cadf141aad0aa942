namespace SfnResume.Aws
{
    /// <summary>Where a connection setting (region, credentials, endpoint) came from: for -Verbose and for errors, worded by the caller.</summary>
    public enum ConnectionSource
    {
        /// <summary>The settings' own value (the region, credentials object or endpoint the caller gave).</summary>
        Given,

        /// <summary>The access key and secret key the caller gave.</summary>
        AccessKeys,

        /// <summary>The profile the caller named (see <see cref="AwsConnection.ProfileName"/>).</summary>
        Profile,

        /// <summary>The shell's default, which AWS.Tools keeps.</summary>
        ShellDefault,

        /// <summary>The region the ARN the call is about names.</summary>
        Arn,

        /// <summary>The SDK's default chain (environment, shared files, SSO, web identity, container and instance roles).</summary>
        SdkChain,

        /// <summary>No region anywhere, an endpoint given: the region emulators are signed for.</summary>
        EmulatorDefault,

        /// <summary>An environment variable the SDK reads (see <see cref="AwsConnection.EndpointVariable"/>).</summary>
        Environment,
    }
}
