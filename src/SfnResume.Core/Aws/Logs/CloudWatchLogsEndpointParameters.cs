using Amazon.Runtime.Endpoints;

namespace SfnResume.Aws.Logs
{
    /// <summary>What the endpoint provider needs to pick a CloudWatch Logs endpoint.</summary>
    internal sealed class CloudWatchLogsEndpointParameters : EndpointParameters
    {
        public string? Region { get; set; }

        public bool UseFips { get; set; }

        /// <summary>An explicit endpoint (<c>-EndpointUrl</c>, or AWS_ENDPOINT_URL_CLOUDWATCH_LOGS); wins over the region's.</summary>
        public string? Endpoint { get; set; }
    }
}
