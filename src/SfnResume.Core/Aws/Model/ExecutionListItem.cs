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
    }
}
