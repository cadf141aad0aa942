using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;

namespace SfnResume.Aws.Logs
{
    /// <summary>
    /// SDK configuration for CloudWatch Logs: service id <c>CloudWatch Logs</c>, signing and endpoint name
    /// <c>logs</c>, API version 2014-03-28 (the API model's metadata). Retry mode and timeouts are the SDK's
    /// defaults, as for Step Functions.
    /// </summary>
    internal sealed class CloudWatchLogsClientConfig : ClientConfig
    {
        public const string LogsServiceId = "CloudWatch Logs";
        public const string SigningName = "logs";

        private static readonly string UserAgentString =
            InternalSDKUtils.BuildUserAgentString("CloudWatch Logs", typeof(CloudWatchLogsClientConfig).Assembly.GetName().Version?.ToString() ?? "0.0.0");

        public CloudWatchLogsClientConfig()
            : base(new DefaultConfigurationProvider(StepFunctionsDefaultConfigurations.All))
        {
            ServiceId = LogsServiceId;
            AuthenticationServiceName = SigningName;
            EndpointProvider = new CloudWatchLogsEndpointProvider();
        }

        public override string RegionEndpointServiceName => SigningName;

        public override string ServiceVersion => "2014-03-28";

        public override string UserAgent => UserAgentString;

        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
        {
            return EndpointProvider.ResolveEndpoint(CreateEndpointParameters());
        }

        internal CloudWatchLogsEndpointParameters CreateEndpointParameters()
        {
            return new CloudWatchLogsEndpointParameters
            {
                Region = RegionEndpoint?.SystemName ?? AuthenticationRegion,
                UseFips = UseFIPSEndpoint,
                Endpoint = ServiceURL,
            };
        }
    }
}
