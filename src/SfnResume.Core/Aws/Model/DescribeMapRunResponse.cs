using System;

namespace SfnResume.Aws.Model
{
    /// <summary>The DescribeMapRun response, as in the Step Functions API model.</summary>
    public sealed class DescribeMapRunResponse
    {
        public string MapRunArn { get; set; } = string.Empty;

        public string ExecutionArn { get; set; } = string.Empty;

        public string Status { get; set; } = string.Empty;

        public DateTime StartDate { get; set; }

        public DateTime? StopDate { get; set; }

        public int MaxConcurrency { get; set; }

        public double ToleratedFailurePercentage { get; set; }

        public long ToleratedFailureCount { get; set; }

        public MapRunCounts? ItemCounts { get; set; }

        public MapRunCounts? ExecutionCounts { get; set; }

        public int? RedriveCount { get; set; }

        public DateTime? RedriveDate { get; set; }
    }
}
