using System;

namespace SfnResume.Express
{
    /// <summary>
    /// An Express execution whose failure point its logs cannot give, with a stable <see cref="Code"/> (the
    /// cmdlet's ErrorId) and what to do about it in <see cref="Advice"/>.
    /// </summary>
    [Serializable]
    public sealed class ExpressLogsException : Exception
    {
        /// <summary>The state machine does not log (level OFF, or no log group).</summary>
        public const string LoggingOff = "ExpressLoggingOff";

        /// <summary>It logs at ERROR or FATAL: failure events only, not the states that ran.</summary>
        public const string LogLevelTooLow = "ExpressLogLevelTooLow";

        /// <summary>The log group the state machine names does not exist (deleted).</summary>
        public const string LogGroupNotFound = "ExpressLogGroupNotFound";

        /// <summary>No record of the execution: expired by the group's retention, or never written there.</summary>
        public const string RecordsNotFound = "ExpressRecordsNotFound";

        /// <summary>Some of the execution's records are missing: a level below ALL, or expired or unread records.</summary>
        public const string RecordsIncomplete = "ExpressRecordsIncomplete";

        /// <summary>It logs without execution data (includeExecutionData false): the records name the states, not their inputs.</summary>
        public const string NoExecutionData = "ExpressNoExecutionData";

        /// <summary>CloudWatch Logs could not be read: a refused or failed call, unreadable records, or no Logs client offered.</summary>
        public const string LogsNotRead = "ExpressLogsNotRead";

        /// <summary>A file that holds no log record of a Step Functions execution.</summary>
        public const string NoRecordsInFile = "ExpressNoRecordsInFile";

        /// <summary>A Standard state machine given where an Express one is needed: its executions are listed by ListExecutions.</summary>
        public const string NotExpressMachine = "ExpressStateMachineIsStandard";

        /// <summary>
        /// StartExecution of an Express resume got no answer (a dropped connection, a 5xx): it may have started, and
        /// is not repeated, since StartExecution is not idempotent for Express workflows.
        /// </summary>
        public const string StartUnknown = "ExpressStartUnknown";

        /// <summary>A Logs Insights query that failed, was cancelled or timed out.</summary>
        public const string QueryFailed = "ExpressLogsQueryFailed";

        public ExpressLogsException(string code, string message, string advice, Exception? innerException = null)
            : base(message, innerException)
        {
            Code = code;
            Advice = advice;
        }

        public string Code { get; }

        public string Advice { get; }

        /// <summary>The log group the error is about, when there is one.</summary>
        public string? LogGroupName { get; set; }
    }
}
