using System;
using System.Collections.Generic;
using System.Linq;
using SfnResume.Aws.Model;
using SfnResume.History;

namespace SfnResume.Express
{
    /// <summary>
    /// The log records of one execution, put back in event order: many executions share a stream, and records of
    /// one execution come from several streams out of order. A record read twice (overlapping reads) counts once.
    /// </summary>
    public sealed class ExecutionLog
    {
        private ExecutionLog(string executionArn, IReadOnlyList<LogRecord> records)
        {
            ExecutionArn = executionArn;
            Records = records;
            Events = records.Select(r => r.Event).ToArray();
        }

        public string ExecutionArn { get; }

        /// <summary>Oldest first, one per event id.</summary>
        public IReadOnlyList<LogRecord> Records { get; }

        /// <summary>The history the records stand for, oldest first.</summary>
        public IReadOnlyList<HistoryEvent> Events { get; }

        /// <summary>Whether the records hold every event from ExecutionStarted on (ids 1, 2, 3, ... without a gap).</summary>
        public bool IsComplete => Events.Count > 0 && Events[0].Id == 1 && Events[Events.Count - 1].Id == Events.Count;

        /// <summary>The first event id with no record, for the message about a gap; null when complete.</summary>
        public long? FirstMissingId
        {
            get
            {
                long expected = 1;
                foreach (var e in Events)
                {
                    if (e.Id != expected)
                    {
                        return expected;
                    }

                    expected++;
                }

                return null;
            }
        }

        /// <summary>Groups records by execution, each in event order.</summary>
        /// <exception cref="HistoryFormatException">Two different records claim the same event of one execution.</exception>
        public static IReadOnlyList<ExecutionLog> Group(IEnumerable<LogRecord> records)
        {
            var byExecution = new Dictionary<string, SortedDictionary<long, LogRecord>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var record in records)
            {
                if (!byExecution.TryGetValue(record.ExecutionArn, out var events))
                {
                    byExecution[record.ExecutionArn] = events = new SortedDictionary<long, LogRecord>();
                    order.Add(record.ExecutionArn);
                }

                if (events.TryGetValue(record.Event.Id, out var seen))
                {
                    if (seen.Event.Type != record.Event.Type || seen.Event.PreviousEventId != record.Event.PreviousEventId)
                    {
                        throw new HistoryFormatException($"Two log records of '{record.ExecutionArn}' have event id {record.Event.Id}: a {seen.Event.Type} and a {record.Event.Type}.");
                    }

                    continue;
                }

                events[record.Event.Id] = record;
            }

            return order.Select(arn => new ExecutionLog(arn, byExecution[arn].Values.ToArray())).ToArray();
        }
    }
}
