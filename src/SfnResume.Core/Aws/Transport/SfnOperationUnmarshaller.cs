using System;
using System.IO;
using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace SfnResume.Aws.Transport
{
    /// <summary>
    /// Reads a Step Functions response. Success bodies are kept as bytes for System.Text.Json;
    /// error bodies go through the SDK's own JSON error reader, so the error code is taken from
    /// <c>__type</c> (namespace stripped) or the <c>x-amzn-ErrorType</c> header exactly as the SDK does.
    /// </summary>
    internal sealed class SfnOperationUnmarshaller : JsonResponseUnmarshaller
    {
        public static readonly SfnOperationUnmarshaller Instance = new SfnOperationUnmarshaller();

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
            return new StepFunctionsException(
                error.Message,
                innerException,
                error.Type,
                error.Code,
                error.RequestId,
                statusCode);
        }
    }
}
