using System;

namespace SfnResume.Aws.Model
{
    /// <summary>The DescribeExecution response, as in the Step Functions API model.</summary>
    public sealed class DescribeExecutionResponse
    {
        public string ExecutionArn { get; set; } = string.Empty;

        public string StateMachineArn { get; set; } = string.Empty;

        public string? Name { get; set; }

        public string Status { get; set; } = string.Empty;

        public DateTime StartDate { get; set; }

        public DateTime? StopDate { get; set; }

        public string? Input { get; set; }

        public string? Output { get; set; }

        public string? TraceHeader { get; set; }

        public string? MapRunArn { get; set; }

        public string? Error { get; set; }

        public string? Cause { get; set; }

        public string? StateMachineVersionArn { get; set; }

        public string? StateMachineAliasArn { get; set; }

        public int? RedriveCount { get; set; }

        public DateTime? RedriveDate { get; set; }

        /// <summary>REDRIVABLE, NOT_REDRIVABLE or REDRIVABLE_BY_MAP_RUN.</summary>
        public string? RedriveStatus { get; set; }

        public string? RedriveStatusReason { get; set; }
    }
}
