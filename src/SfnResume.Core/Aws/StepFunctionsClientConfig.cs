using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;

namespace SfnResume.Aws
{
    /// <summary>
    /// SDK configuration for Step Functions: service id <c>SFN</c>, signing and endpoint name <c>states</c>,
    /// API version 2016-11-23. Everything else (retry mode, timeouts, proxies) is the SDK's default behaviour.
    /// </summary>
    internal sealed class StepFunctionsClientConfig : ClientConfig
    {
        public const string StepFunctionsServiceId = "SFN";
        public const string SigningName = "states";

        private static readonly string UserAgentString =
            InternalSDKUtils.BuildUserAgentString("SFN", typeof(StepFunctionsClientConfig).Assembly.GetName().Version?.ToString() ?? "0.0.0");

        public StepFunctionsClientConfig()
            : base(new DefaultConfigurationProvider(StepFunctionsDefaultConfigurations.All))
        {
            ServiceId = StepFunctionsServiceId;
            AuthenticationServiceName = SigningName;
            EndpointProvider = new StepFunctionsEndpointProvider();
        }

        public override string RegionEndpointServiceName => SigningName;

        public override string ServiceVersion => "2016-11-23";

        public override string UserAgent => UserAgentString;

        /// <summary>Answers "which endpoint would this operation use" the same way the pipeline does.</summary>
        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
        {
            return EndpointProvider.ResolveEndpoint(CreateEndpointParameters());
        }

        internal StepFunctionsEndpointParameters CreateEndpointParameters(string? operation = null)
        {
            return new StepFunctionsEndpointParameters
            {
                Operation = operation,
                // With a custom endpoint the SDK keeps the signing region in AuthenticationRegion.
                Region = RegionEndpoint?.SystemName ?? AuthenticationRegion,
                UseFips = UseFIPSEndpoint,
                Endpoint = ServiceURL,
            };
        }
    }
}
