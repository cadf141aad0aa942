using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using SfnResume.Aws.Transport;

namespace SfnResume.Aws.Logs
{
    /// <summary>
    /// Turns an operation into the AWS JSON 1.1 request CloudWatch Logs expects:
    /// <c>POST /</c> with <c>X-Amz-Target: Logs_20140328.&lt;Operation&gt;</c>.
    /// </summary>
    internal sealed class LogsOperationMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        public const string ContentType = "application/x-amz-json-1.1";
        public const string TargetPrefix = "Logs_20140328.";

        public static readonly LogsOperationMarshaller Instance = new LogsOperationMarshaller();

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var operation = (SfnOperationRequest)input;
            IRequest request = new DefaultRequest(operation, "SfnResume.CloudWatchLogs");
            request.Headers["X-Amz-Target"] = TargetPrefix + operation.OperationName;
            request.Headers["Content-Type"] = ContentType;
            request.HttpMethod = "POST";
            request.ResourcePath = "/";
            request.Content = operation.Body;
            return request;
        }
    }
}
