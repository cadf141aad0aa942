using SfnResume.Aws.Model;

namespace SfnResume.Express
{
    /// <summary>One Step Functions log record: the history event it stands for, and whose it is.</summary>
    public sealed class LogRecord
    {
        public LogRecord(string executionArn, HistoryEvent historyEvent, bool payloadTruncated)
        {
            ExecutionArn = executionArn;
            Event = historyEvent;
            PayloadTruncated = payloadTruncated;
        }

        public string ExecutionArn { get; }

        /// <summary>The event as GetExecutionHistory would give it; a truncated payload is left out of it.</summary>
        public HistoryEvent Event { get; }

        /// <summary>
        /// CloudWatch Logs cut the record's input or output short (<c>inputDetails.truncated</c>, payloads over about
        /// 256 KB): the event carries no payload rather than a cut one, which is not JSON.
        /// </summary>
        public bool PayloadTruncated { get; }
    }
}
