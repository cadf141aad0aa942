using System;
using System.Collections.Generic;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;

namespace SfnResume.Aws
{
    /// <summary>
    /// Step Functions endpoints: <c>https://states.{region}.{partition suffix}</c>, <c>states-fips</c> for FIPS,
    /// or the endpoint the caller named. The partition suffix comes from the SDK's region data, so China and
    /// GovCloud regions resolve without a table of our own. Operations the API model gives a host prefix
    /// (<c>"endpoint": {"hostPrefix": "sync-"}</c>: TestState) go to <c>sync-states.{region}...</c>.
    /// </summary>
    internal sealed class StepFunctionsEndpointProvider : IEndpointProvider
    {
        private static readonly IReadOnlyDictionary<string, string> HostPrefixes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TestState"] = "sync-",
        };

        public Endpoint ResolveEndpoint(EndpointParameters parameters)
        {
            var p = (StepFunctionsEndpointParameters)parameters;
            if (!string.IsNullOrEmpty(p.Endpoint))
            {
                // An explicit endpoint names its host exactly: an emulator or a loopback answers every operation on
                // one host, and a prefix would turn 127.0.0.1 into sync-127.0.0.1.
                return new Endpoint(p.Endpoint);
            }

            if (string.IsNullOrEmpty(p.Region))
            {
                throw new AmazonClientException("No AWS region was given for Step Functions, and no endpoint.");
            }

            var region = RegionEndpoint.GetBySystemName(p.Region);
            var prefix = p.Operation != null && HostPrefixes.TryGetValue(p.Operation, out var hostPrefix) ? hostPrefix : string.Empty;
            var host = p.UseFips ? "states-fips" : "states";
            var suffix = string.IsNullOrEmpty(region.PartitionDnsSuffix) ? "amazonaws.com" : region.PartitionDnsSuffix;
            return new Endpoint($"https://{prefix}{host}.{region.SystemName}.{suffix}");
        }
    }
}
