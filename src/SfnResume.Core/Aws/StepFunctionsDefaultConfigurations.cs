using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace SfnResume.Aws
{
    /// <summary>
    /// The SDK's defaults modes (<c>AWS_DEFAULTS_MODE</c>) for this client. All use the standard retry mode;
    /// they differ only in connect timeouts, as in the SDK's generated service clients.
    /// </summary>
    internal static class StepFunctionsDefaultConfigurations
    {
        public static IReadOnlyList<IDefaultConfiguration> All { get; } = new IDefaultConfiguration[]
        {
            Create(DefaultConfigurationMode.Standard, 3100),
            Create(DefaultConfigurationMode.InRegion, 1100),
            Create(DefaultConfigurationMode.CrossRegion, 3100),
            Create(DefaultConfigurationMode.Mobile, 30000),
            Create(DefaultConfigurationMode.Auto, 1100),
        };

        private static IDefaultConfiguration Create(DefaultConfigurationMode mode, long connectTimeoutMilliseconds)
        {
            return new DefaultConfiguration
            {
                Name = mode,
                RetryMode = RequestRetryMode.Standard,
                S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
                ConnectTimeout = TimeSpan.FromMilliseconds(connectTimeoutMilliseconds),
                TlsNegotiationTimeout = TimeSpan.FromMilliseconds(connectTimeoutMilliseconds),
                TimeToFirstByteTimeout = null,
                HttpRequestTimeout = null,
            };
        }
    }
}
