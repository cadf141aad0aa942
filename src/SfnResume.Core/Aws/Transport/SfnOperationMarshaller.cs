using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace SfnResume.Aws.Transport
{
    /// <summary>
    /// Turns an operation into the AWS JSON 1.0 request Step Functions expects:
    /// <c>POST /</c> with <c>X-Amz-Target: AWSStepFunctions.&lt;Operation&gt;</c>.
    /// </summary>
    internal sealed class SfnOperationMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        public const string ContentType = "application/x-amz-json-1.0";
        public const string TargetPrefix = "AWSStepFunctions.";

        public static readonly SfnOperationMarshaller Instance = new SfnOperationMarshaller();

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var operation = (SfnOperationRequest)input;
            IRequest request = new DefaultRequest(operation, "SfnResume.StepFunctions");
            request.Headers["X-Amz-Target"] = TargetPrefix + operation.OperationName;
            request.Headers["Content-Type"] = ContentType;
            request.HttpMethod = "POST";
            request.ResourcePath = "/";
            request.Content = operation.Body;
            return request;
        }
    }
}
