using System;
using System.IO;
using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;
using SfnResume.Aws.Transport;

namespace SfnResume.Aws.Logs
{
    /// <summary>
    /// Reads a CloudWatch Logs response: success bodies as bytes for System.Text.Json, errors through the SDK's
    /// own JSON error reader (<c>__type</c> without its namespace, or <c>x-amzn-ErrorType</c>).
    /// </summary>
    internal sealed class LogsOperationUnmarshaller : JsonResponseUnmarshaller
    {
        public static readonly LogsOperationUnmarshaller Instance = new LogsOperationUnmarshaller();

        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
        {
            using (var buffer = new MemoryStream())
            {
                context.Stream.CopyTo(buffer);
                return new SfnOperationResponse { Body = buffer.ToArray() };
            }
        }

        public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
        {
            var reader = new StreamingUtf8JsonReader(context.Stream);
            var error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);
            return new CloudWatchLogsException(error.Message, innerException, error.Type, error.Code, error.RequestId, statusCode);
        }
    }
}
