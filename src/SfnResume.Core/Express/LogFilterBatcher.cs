using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws.Logs;
using SfnResume.Aws.Logs.Model;

namespace SfnResume.Express
{
    /// <summary>
    /// Reads the records of many Express executions from one log group with as few FilterLogEvents calls as the
    /// filter pattern's length allows: FilterLogEvents is 5 calls a second per account and region, not raisable, and
    /// a resume reads each execution's records and its earlier resumes'. Asks that arrive while a call for the same
    /// group and kind is in flight wait for it to end and then go together, as one pattern of their ARNs joined by
    /// <c>||</c> (at most <see cref="MaxPatternLength"/> characters), over the union of their time windows; each ask
    /// gets back only its own records. An ask that finds nothing in flight goes at once: batching costs no waiting,
    /// it only uses the time the quota makes callers wait anyway.
    /// </summary>
    public sealed class LogFilterBatcher
    {
        /// <summary>The longest filter pattern CloudWatch Logs takes (FilterLogEvents' filterPattern: 0 to 1,024 characters).</summary>
        public const int MaxPatternLength = 1024;

        private readonly Func<FilterLogEventsRequest, CancellationToken, Task<FilterLogEventsResponse>> filter;
        private readonly object gate = new object();
        private readonly Dictionary<(string LogGroup, string Types), Queue<Ask>> queues = new Dictionary<(string, string), Queue<Ask>>();

        public LogFilterBatcher(Func<FilterLogEventsRequest, CancellationToken, Task<FilterLogEventsResponse>> filter)
        {
            this.filter = filter;
        }

        /// <summary>
        /// The records of the execution <paramref name="executionArn"/> (or, with <paramref name="prefix"/>, of every
        /// execution whose ARN begins with it) of the given <paramref name="types"/> (every type when empty), between
        /// <paramref name="from"/> and <paramref name="to"/> (unbounded when null).
        /// </summary>
        /// <exception cref="ExpressLogsException">The log group does not exist.</exception>
        public Task<IReadOnlyList<LogRecord>> ReadAsync(string logGroup, IReadOnlyList<string> types, string executionArn, bool prefix, DateTime? from, DateTime? to, CancellationToken cancellationToken)
        {
            var ask = new Ask(executionArn, prefix, from, to);
            if (cancellationToken.CanBeCanceled)
            {
                cancellationToken.Register(() => ask.Answer.TrySetCanceled(cancellationToken));
            }

            var key = (logGroup, string.Join(",", types));
            bool start;
            lock (gate)
            {
                start = !queues.TryGetValue(key, out var queue);
                if (start)
                {
                    queue = queues[key] = new Queue<Ask>();
                }

                queue!.Enqueue(ask);
            }

            if (start)
            {
                _ = Task.Run(() => PumpAsync(key.logGroup, types, key));
            }

            return ask.Answer.Task;
        }

        /// <summary>The pattern one call makes of <paramref name="clauses"/>, with the record types asked for.</summary>
        public static string PatternOf(IReadOnlyList<string> types, IEnumerable<string> clauses)
        {
            var arns = string.Join(" || ", clauses);
            return types.Count == 0 ? "{ " + arns + " }" : "{ (" + string.Join(" || ", types.Select(t => "$.type = \"" + t + "\"")) + ") && (" + arns + ") }";
        }

        /// <summary>Calls FilterLogEvents for the queued asks of one group and kind, a pattern's worth at a time, until none is left.</summary>
        private async Task PumpAsync(string logGroup, IReadOnlyList<string> types, (string, string) key)
        {
            while (true)
            {
                var batch = new List<Ask>();
                lock (gate)
                {
                    var queue = queues[key];
                    while (queue.Count > 0 && (batch.Count == 0 || PatternOf(types, batch.Append(queue.Peek()).Select(a => a.Clause)).Length <= MaxPatternLength))
                    {
                        var next = queue.Dequeue();
                        if (!next.Answer.Task.IsCompleted)
                        {
                            batch.Add(next);
                        }
                    }

                    if (batch.Count == 0 && queue.Count == 0)
                    {
                        queues.Remove(key);
                        return;
                    }
                }

                if (batch.Count > 0)
                {
                    await RunAsync(logGroup, types, batch).ConfigureAwait(false);
                }
            }
        }

        private async Task RunAsync(string logGroup, IReadOnlyList<string> types, List<Ask> batch)
        {
            var request = new FilterLogEventsRequest
            {
                LogGroupName = logGroup,
                FilterPattern = PatternOf(types, batch.Select(a => a.Clause)),
                StartTime = batch.Any(a => a.From == null) ? null : Epoch(batch.Min(a => a.From!.Value)),
                EndTime = batch.Any(a => a.To == null) ? null : Epoch(batch.Max(a => a.To!.Value)),
            };
            try
            {
                var records = new List<LogRecord>();
                do
                {
                    // Not any one caller's cancellation: the call is the batch's. Each caller stops waiting on its own.
                    var page = await filter(request, CancellationToken.None).ConfigureAwait(false);
                    records.AddRange(page.Events.Where(e => !string.IsNullOrEmpty(e.Message)).Select(e => LogRecordParser.Parse(e.Message!)));
                    request.NextToken = page.NextToken;
                }
                while (request.NextToken != null);

                foreach (var ask in batch)
                {
                    ask.Answer.TrySetResult(records.Where(ask.Matches).ToList());
                }
            }
            catch (CloudWatchLogsException e) when (e.ErrorCode == "ResourceNotFoundException")
            {
                foreach (var ask in batch)
                {
                    ask.Answer.TrySetException(new ExpressLogsException(ExpressLogsException.LogGroupNotFound,
                        $"The log group '{logGroup}' the state machine logs to does not exist (deleted?): the records of '{ask.ExecutionArn}' went with it.",
                        "Create the log group again (CreateLogGroup) so that executions to come are recorded; this one cannot be read.", e)
                    { LogGroupName = logGroup });
                }
            }
            catch (Exception e)
            {
                foreach (var ask in batch)
                {
                    ask.Answer.TrySetException(e);
                }
            }
        }

        private static long Epoch(DateTime at) => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

        private sealed class Ask
        {
            public Ask(string executionArn, bool prefix, DateTime? from, DateTime? to)
            {
                ExecutionArn = executionArn;
                Prefix = prefix;
                From = from;
                To = to;
                Clause = "$.execution_arn = \"" + executionArn.Replace("\"", "\\\"") + (prefix ? "*" : string.Empty) + "\"";
            }

            public string ExecutionArn { get; }

            public bool Prefix { get; }

            public DateTime? From { get; }

            public DateTime? To { get; }

            public string Clause { get; }

            public TaskCompletionSource<IReadOnlyList<LogRecord>> Answer { get; } = new TaskCompletionSource<IReadOnlyList<LogRecord>>(TaskCreationOptions.RunContinuationsAsynchronously);

            /// <summary>A record of this ask's execution (or executions), within its own window (the batch's may be wider).</summary>
            public bool Matches(LogRecord record)
            {
                if (Prefix ? !record.ExecutionArn.StartsWith(ExecutionArn, StringComparison.Ordinal) : record.ExecutionArn != ExecutionArn)
                {
                    return false;
                }

                var at = record.Event.Timestamp;
                return (From == null || at >= From.Value.AddMilliseconds(-1)) && (To == null || at <= To.Value.AddMilliseconds(1));
            }
        }
    }
}
