using Amazon.Runtime;

namespace SfnResume.Aws.Transport
{
    /// <summary>
    /// One Step Functions call as the SDK pipeline sees it: the operation name and its JSON body.
    /// Typed requests are serialized before they get here, so one marshaller serves every operation.
    /// </summary>
    internal sealed class SfnOperationRequest : AmazonWebServiceRequest
    {
        public SfnOperationRequest(string operationName, byte[] body)
        {
            OperationName = operationName;
            Body = body;
        }

        public string OperationName { get; }

        public byte[] Body { get; }
    }
}
