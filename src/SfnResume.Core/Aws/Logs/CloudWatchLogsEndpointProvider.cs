using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;

namespace SfnResume.Aws.Logs
{
    /// <summary>
    /// CloudWatch Logs endpoints: <c>https://logs.{region}.{partition suffix}</c>, <c>logs-fips</c> for FIPS, or the
    /// endpoint the caller named. The partition suffix comes from the SDK's region data.
    /// </summary>
    internal sealed class CloudWatchLogsEndpointProvider : IEndpointProvider
    {
        public Endpoint ResolveEndpoint(EndpointParameters parameters)
        {
            var p = (CloudWatchLogsEndpointParameters)parameters;
            if (!string.IsNullOrEmpty(p.Endpoint))
            {
                return new Endpoint(p.Endpoint);
            }

            if (string.IsNullOrEmpty(p.Region))
            {
                throw new AmazonClientException("No AWS region was given for CloudWatch Logs, and no endpoint.");
            }

            var region = RegionEndpoint.GetBySystemName(p.Region);
            var host = p.UseFips ? "logs-fips" : "logs";
            var suffix = string.IsNullOrEmpty(region.PartitionDnsSuffix) ? "amazonaws.com" : region.PartitionDnsSuffix;
            return new Endpoint($"https://{host}.{region.SystemName}.{suffix}");
        }
    }
}
