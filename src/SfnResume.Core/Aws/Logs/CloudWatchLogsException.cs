using System;
using System.Net;
using Amazon.Runtime;

namespace SfnResume.Aws.Logs
{
    /// <summary>
    /// Every CloudWatch Logs error: <see cref="AmazonServiceException.ErrorCode"/> holds the AWS code
    /// (<c>ResourceNotFoundException</c> for a deleted log group, <c>ThrottlingException</c>, <c>LimitExceededException</c>
    /// for too many Logs Insights queries at once, ...). Deriving from <see cref="AmazonServiceException"/> lets the
    /// SDK's retry policy classify it.
    /// </summary>
    [Serializable]
    public sealed class CloudWatchLogsException : AmazonServiceException
    {
        public CloudWatchLogsException(string message)
            : base(message)
        {
        }

        public CloudWatchLogsException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
