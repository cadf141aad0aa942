using SfnResume.Aws;
using SfnResume.Aws.Logs;
using SfnResume.Aws.Pacing;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>CloudWatch Logs clients for test endpoints on 127.0.0.1, with the same example keys as <see cref="TestClients"/>.</summary>
    public static class TestLogsClients
    {
        public static CloudWatchLogsClient For(string endpointUrl, string region = "us-east-1", int? maxErrorRetry = null, RequestPacer? pacer = null)
        {
            var connection = AwsConnection.Resolve(new AwsConnectionSettings
            {
                AccessKey = TestClients.AccessKey,
                SecretKey = TestClients.SecretKey,
                Region = region,
                EndpointUrl = endpointUrl,
                MaxErrorRetry = maxErrorRetry,
            });
            return connection.CreateLogsClient(pacer);
        }
    }
}
