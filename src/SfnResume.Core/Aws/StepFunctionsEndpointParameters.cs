using Amazon.Runtime.Endpoints;

namespace SfnResume.Aws
{
    /// <summary>What the endpoint provider needs to pick a Step Functions endpoint.</summary>
    internal sealed class StepFunctionsEndpointParameters : EndpointParameters
    {
        public string? Region { get; set; }

        public bool UseFips { get; set; }

        /// <summary>An explicit endpoint (<c>-EndpointUrl</c>); wins over the region's endpoint.</summary>
        public string? Endpoint { get; set; }

        /// <summary>The operation being called, when known: a few have a host of their own (see <see cref="StepFunctionsEndpointProvider"/>).</summary>
        public string? Operation { get; set; }
    }
}
