using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace SfnResume.Aws.Transport
{
    /// <summary>
    /// Turns an operation into the AWS JSON protocol request a service expects: <c>POST /</c> with
    /// <c>X-Amz-Target: &lt;prefix&gt;.&lt;Operation&gt;</c> and the body already serialized.
    /// </summary>
    internal sealed class JsonOperationMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        /// <summary>Step Functions: AWS JSON 1.0, <c>AWSStepFunctions.&lt;Operation&gt;</c>.</summary>
        public static readonly JsonOperationMarshaller StepFunctions = new JsonOperationMarshaller("application/x-amz-json-1.0", "AWSStepFunctions.", "SfnResume.StepFunctions");

        /// <summary>CloudWatch Logs: AWS JSON 1.1, <c>Logs_20140328.&lt;Operation&gt;</c>.</summary>
        public static readonly JsonOperationMarshaller CloudWatchLogs = new JsonOperationMarshaller("application/x-amz-json-1.1", "Logs_20140328.", "SfnResume.CloudWatchLogs");

        private readonly string contentType;
        private readonly string targetPrefix;
        private readonly string serviceName;

        private JsonOperationMarshaller(string contentType, string targetPrefix, string serviceName)
        {
            this.contentType = contentType;
            this.targetPrefix = targetPrefix;
            this.serviceName = serviceName;
        }

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var operation = (SfnOperationRequest)input;
            IRequest request = new DefaultRequest(operation, serviceName);
            request.Headers["X-Amz-Target"] = targetPrefix + operation.OperationName;
            request.Headers["Content-Type"] = contentType;
            request.HttpMethod = "POST";
            request.ResourcePath = "/";
            request.Content = operation.Body;
            return request;
        }
    }
}
