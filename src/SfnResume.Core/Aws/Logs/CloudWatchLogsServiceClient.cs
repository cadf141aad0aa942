using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using SfnResume.Aws.Transport;

namespace SfnResume.Aws.Logs
{
    /// <summary>
    /// The SDK service client underneath <see cref="CloudWatchLogsClient"/>: the AWSSDK.Core pipeline (credentials,
    /// endpoint, SigV4, retries with backoff, error unmarshalling) sending one serialized AWS JSON 1.1 body per call.
    /// </summary>
    internal sealed class CloudWatchLogsServiceClient : AmazonServiceClient
    {
        /// <summary>Null credentials let the SDK resolve its default credential chain at the first request.</summary>
        public CloudWatchLogsServiceClient(AWSCredentials? credentials, CloudWatchLogsClientConfig config)
            : base(credentials!, config)
        {
        }

        protected override IServiceMetadata ServiceMetadata => CloudWatchLogsServiceMetadata.Instance;

        public async Task<byte[]> SendAsync(string operationName, byte[] body, CancellationToken cancellationToken)
        {
            var options = new InvokeOptions
            {
                RequestMarshaller = JsonOperationMarshaller.CloudWatchLogs,
                ResponseUnmarshaller = JsonOperationUnmarshaller.CloudWatchLogs,
            };
            var response = await InvokeAsync<SfnOperationResponse>(new SfnOperationRequest(operationName, body), options, cancellationToken).ConfigureAwait(false);
            return response.Body;
        }

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            pipeline.RemoveHandler<EndpointResolver>();
            pipeline.AddHandlerAfter<Marshaller>(new CloudWatchLogsEndpointResolver());

            // SigV4 for every operation, as for Step Functions; the signing name comes from the config.
            pipeline.AddHandlerAfter<Marshaller>(new StepFunctionsAuthSchemeHandler());
        }
    }
}
