using System.Collections.Generic;
using Amazon.Runtime.Internal;

namespace SfnResume.Aws.Logs
{
    internal sealed class CloudWatchLogsServiceMetadata : IServiceMetadata
    {
        public static readonly CloudWatchLogsServiceMetadata Instance = new CloudWatchLogsServiceMetadata();

        public string ServiceId => CloudWatchLogsClientConfig.LogsServiceId;

        public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
    }
}
