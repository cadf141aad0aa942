using System;
using System.IO;
using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;
using SfnResume.Aws.Logs;

namespace SfnResume.Aws.Transport
{
    /// <summary>
    /// Reads an AWS JSON protocol response. Success bodies are kept as bytes for System.Text.Json; error bodies
    /// go through the SDK's own JSON error reader, so the error code is taken from <c>__type</c> (namespace
    /// stripped) or the <c>x-amzn-ErrorType</c> header exactly as the SDK does, and become the service's exception.
    /// </summary>
    internal sealed class JsonOperationUnmarshaller : JsonResponseUnmarshaller
    {
        public static readonly JsonOperationUnmarshaller StepFunctions = new JsonOperationUnmarshaller(
            (error, inner, status) => new StepFunctionsException(error.Message, inner, error.Type, error.Code, error.RequestId, status));

        public static readonly JsonOperationUnmarshaller CloudWatchLogs = new JsonOperationUnmarshaller(
            (error, inner, status) => new CloudWatchLogsException(error.Message, inner, error.Type, error.Code, error.RequestId, status));

        private readonly Func<ErrorResponse, Exception, HttpStatusCode, AmazonServiceException> exceptionFor;

        private JsonOperationUnmarshaller(Func<ErrorResponse, Exception, HttpStatusCode, AmazonServiceException> exceptionFor)
        {
            this.exceptionFor = exceptionFor;
        }

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
            return exceptionFor(error, innerException, statusCode);
        }
    }
}
