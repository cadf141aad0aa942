using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace SfnResume.Aws.Logs
{
    /// <summary>Pipeline step that feeds the client's configuration to <see cref="CloudWatchLogsEndpointProvider"/>.</summary>
    internal sealed class CloudWatchLogsEndpointResolver : BaseEndpointResolver
    {
        protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
            => ((CloudWatchLogsClientConfig)requestContext.ClientConfig).CreateEndpointParameters();
    }
}
