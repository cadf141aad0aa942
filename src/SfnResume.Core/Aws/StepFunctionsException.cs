using System;
using System.Net;
using Amazon.Runtime;

namespace SfnResume.Aws
{
    /// <summary>
    /// The one exception type every Step Functions error surfaces as. <see cref="AmazonServiceException.ErrorCode"/>
    /// holds the AWS error code (<c>ExecutionDoesNotExist</c>, <c>ExecutionNotRedrivable</c>,
    /// <c>StateMachineAlreadyExists</c>, <c>ThrottlingException</c>, ...) and
    /// <see cref="AmazonServiceException.RequestId"/> the request id to quote to AWS support.
    /// Deriving from <see cref="AmazonServiceException"/> lets the SDK's retry policy classify it.
    /// </summary>
    [Serializable]
    public sealed class StepFunctionsException : AmazonServiceException
    {
        public StepFunctionsException(string message)
            : base(message)
        {
        }

        public StepFunctionsException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
