using System;

namespace SfnResume.Express
{
    /// <summary>
    /// An Express execution that failed, timed out or was aborted, found in its state machine's log group. It has
    /// the members of a ListExecutions item that the logs can tell, so it pipes into Get-SfnFailurePoint,
    /// Test-SfnRedrive and Invoke-SfnRedrive as Get-SFNExecutionList's items do.
    /// </summary>
    public sealed class ExpressExecutionItem
    {
        public string ExecutionArn { get; set; } = string.Empty;

        public string StateMachineArn { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        /// <summary>FAILED, TIMED_OUT or ABORTED, as ListExecutions names them.</summary>
        public string Status { get; set; } = string.Empty;

        /// <summary>When the execution ended: its ExecutionFailed, ExecutionTimedOut or ExecutionAborted record (UTC).</summary>
        public DateTime StopDate { get; set; }

        /// <summary>The record's <c>redrive_count</c>: always 0 for Express executions, which cannot be redriven.</summary>
        public int RedriveCount { get; set; }

        /// <summary>The error the execution ended with, e.g. States.TaskFailed; empty when its record names none.</summary>
        public string? Error { get; set; }

        /// <summary>The error's cause as logged (cut by CloudWatch Logs beyond about 256 KB).</summary>
        public string? Cause { get; set; }

        /// <summary>The log group the record was found in.</summary>
        public string LogGroupName { get; set; } = string.Empty;
    }
}
