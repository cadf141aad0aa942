using SfnResume.Aws;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>Clients for test endpoints on 127.0.0.1, with fixed example keys.</summary>
    public static class TestClients
    {
        public const string AccessKey = "AKIDEXAMPLE";
        public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

        public static StepFunctionsClient For(string endpointUrl, string region = "us-east-1", int? maxErrorRetry = null)
        {
            return AwsConnection.Resolve(new AwsConnectionSettings
            {
                AccessKey = AccessKey,
                SecretKey = SecretKey,
                Region = region,
                EndpointUrl = endpointUrl,
                MaxErrorRetry = maxErrorRetry,
            }).CreateClient();
        }
    }
}
