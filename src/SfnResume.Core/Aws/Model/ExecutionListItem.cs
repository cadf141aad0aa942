using System;

namespace SfnResume.Aws.Model
{
    /// <summary>One execution in a ListExecutions page.</summary>
    public sealed class ExecutionListItem
    {
        public string ExecutionArn { get; set; } = string.Empty;

        public string StateMachineArn { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Status { get; set; } = string.Empty;

        public DateTime StartDate { get; set; }

        public DateTime? StopDate { get; set; }

        public string? MapRunArn { get; set; }

        public int? ItemCount { get; set; }

        public string? StateMachineVersionArn { get; set; }

        public string? StateMachineAliasArn { get; set; }

        public int? RedriveCount { get; set; }

        public DateTime? RedriveDate { get; set; }

        /// <summary>
        /// What the list said of the execution, in DescribeExecution's shape, for reading it without describing it.
        /// Its redrive status is not listed: null.
        /// </summary>
        public DescribeExecutionResponse AsDescribed() => new DescribeExecutionResponse
        {
            ExecutionArn = ExecutionArn,
            StateMachineArn = string.IsNullOrEmpty(StateMachineArn) ? ExecutionArns.StateMachineOf(ExecutionArn) ?? string.Empty : StateMachineArn,
            Name = Name,
            Status = Status,
            StartDate = StartDate,
            StopDate = StopDate,
            MapRunArn = MapRunArn,
            StateMachineVersionArn = StateMachineVersionArn,
            StateMachineAliasArn = StateMachineAliasArn,
            RedriveCount = RedriveCount,
            RedriveDate = RedriveDate,
        };
    }
}
