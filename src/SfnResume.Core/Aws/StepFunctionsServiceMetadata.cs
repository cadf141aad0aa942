using System.Collections.Generic;
using Amazon.Runtime.Internal;

namespace SfnResume.Aws
{
    internal sealed class StepFunctionsServiceMetadata : IServiceMetadata
    {
        public static readonly StepFunctionsServiceMetadata Instance = new StepFunctionsServiceMetadata();

        public string ServiceId => StepFunctionsClientConfig.StepFunctionsServiceId;

        public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
    }
}
