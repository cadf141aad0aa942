using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using SfnResume.Aws.Transport;

namespace SfnResume.Aws
{
    /// <summary>
    /// The SDK service client underneath <see cref="StepFunctionsClient"/>. It owns the AWSSDK.Core pipeline
    /// (credential resolution, endpoint, SigV4 signing, retries with backoff, error unmarshalling) and sends
    /// one already-serialized JSON body per call.
    /// </summary>
    internal sealed class StepFunctionsServiceClient : AmazonServiceClient
    {
        /// <summary>Null credentials let the SDK resolve its default credential chain at the first request.</summary>
        public StepFunctionsServiceClient(AWSCredentials? credentials, StepFunctionsClientConfig config)
            : base(credentials!, config)
        {
        }

        protected override IServiceMetadata ServiceMetadata => StepFunctionsServiceMetadata.Instance;

        public async Task<byte[]> SendAsync(string operationName, byte[] body, CancellationToken cancellationToken)
        {
            var options = new InvokeOptions
            {
                RequestMarshaller = JsonOperationMarshaller.StepFunctions,
                ResponseUnmarshaller = JsonOperationUnmarshaller.StepFunctions,
            };
            var response = await InvokeAsync<SfnOperationResponse>(new SfnOperationRequest(operationName, body), options, cancellationToken).ConfigureAwait(false);
            return response.Body;
        }

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            pipeline.RemoveHandler<EndpointResolver>();
            pipeline.AddHandlerAfter<Marshaller>(new StepFunctionsEndpointResolver());
            pipeline.AddHandlerAfter<Marshaller>(new StepFunctionsAuthSchemeHandler());
        }
    }
}
