using System.Collections.Generic;

namespace SfnResume.Aws.Logs.Model
{
    /// <summary>The StartQuery request (Logs Insights), as in the CloudWatch Logs API model.</summary>
    public sealed class StartQueryRequest
    {
        public string? LogGroupName { get; set; }

        public List<string>? LogGroupIdentifiers { get; set; }

        /// <summary>Epoch seconds (not milliseconds, unlike FilterLogEvents).</summary>
        public long StartTime { get; set; }

        /// <summary>Epoch seconds.</summary>
        public long EndTime { get; set; }

        public string QueryString { get; set; } = string.Empty;

        /// <summary>At most 10,000 rows.</summary>
        public int? Limit { get; set; }
    }
}
