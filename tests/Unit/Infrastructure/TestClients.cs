using SfnResume.Aws;
using SfnResume.Aws.Pacing;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>Clients for test endpoints on 127.0.0.1, with fixed example keys.</summary>
    public static class TestClients
    {
        public const string AccessKey = "AKIDEXAMPLE";
        public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

        /// <param name="pacer">Paces the client instead of the account's shared pacer of AWS's figures.</param>
        public static StepFunctionsClient For(string endpointUrl, string region = "us-east-1", int? maxErrorRetry = null, RequestPacer? pacer = null)
        {
            var connection = AwsConnection.Resolve(new AwsConnectionSettings
            {
                AccessKey = AccessKey,
                SecretKey = SecretKey,
                Region = region,
                EndpointUrl = endpointUrl,
                MaxErrorRetry = maxErrorRetry,
            });
            return pacer == null ? connection.CreateClient() : connection.CreateClient(pacer);
        }
    }
}
