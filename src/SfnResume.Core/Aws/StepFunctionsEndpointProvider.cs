using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;

namespace SfnResume.Aws
{
    /// <summary>
    /// Step Functions endpoints: <c>https://states.{region}.{partition suffix}</c>, <c>states-fips</c> for FIPS,
    /// or the endpoint the caller named. The partition suffix comes from the SDK's region data, so China and
    /// GovCloud regions resolve without a table of our own.
    /// </summary>
    internal sealed class StepFunctionsEndpointProvider : IEndpointProvider
    {
        public Endpoint ResolveEndpoint(EndpointParameters parameters)
        {
            var p = (StepFunctionsEndpointParameters)parameters;
            if (!string.IsNullOrEmpty(p.Endpoint))
            {
                return new Endpoint(p.Endpoint);
            }

            if (string.IsNullOrEmpty(p.Region))
            {
                throw new AmazonClientException("No AWS region was given for Step Functions. Pass -Region, run Set-DefaultAWSRegion, or set AWS_REGION.");
            }

            var region = RegionEndpoint.GetBySystemName(p.Region);
            var host = p.UseFips ? "states-fips" : "states";
            var suffix = string.IsNullOrEmpty(region.PartitionDnsSuffix) ? "amazonaws.com" : region.PartitionDnsSuffix;
            return new Endpoint($"https://{host}.{region.SystemName}.{suffix}");
        }
    }
}
