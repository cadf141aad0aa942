namespace SfnResume.Tests.Infrastructure
{
    /// <summary>What the loopback endpoint answers to one request.</summary>
    public sealed class LoopbackResponse
    {
        public LoopbackResponse(int statusCode, string body)
        {
            StatusCode = statusCode;
            Body = body;
        }

        public int StatusCode { get; }

        public string Body { get; }

        /// <summary>AWS JSON 1.0 by default, as Step Functions and CloudWatch Logs answer; S3 answers its errors in XML.</summary>
        public string ContentType { get; init; } = "application/x-amz-json-1.0";

        public static LoopbackResponse Json(string body) => new LoopbackResponse(200, body);

        /// <summary>An AWS JSON 1.0 error, with the namespaced <c>__type</c> the service sends.</summary>
        public static LoopbackResponse Error(string code, string message, int statusCode = 400)
            => new LoopbackResponse(statusCode, "{\"__type\":\"com.amazonaws.swf.service.v2.model#" + code + "\",\"message\":\"" + message + "\"}");
    }
}
