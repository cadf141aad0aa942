using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using SfnResume.Aws.Transport;

namespace SfnResume.Aws
{
    /// <summary>Pipeline step that feeds the client's configuration to <see cref="StepFunctionsEndpointProvider"/>.</summary>
    internal sealed class StepFunctionsEndpointResolver : BaseEndpointResolver
    {
        protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
        {
            var operation = (requestContext.OriginalRequest as SfnOperationRequest)?.OperationName;
            return ((StepFunctionsClientConfig)requestContext.ClientConfig).CreateEndpointParameters(operation);
        }
    }
}
