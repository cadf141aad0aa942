using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Logs;
using SfnResume.Aws.Logs.Model;
using SfnResume.Aws.Model;
using SfnResume.History;

namespace SfnResume.Express
{
    /// <summary>
    /// The failed, timed-out and aborted Express executions of a state machine in a time window, found in its log
    /// group: Step Functions does not list Express executions, but it logs the event that ends each one at every
    /// level but OFF. Items are written as each page of records arrives.
    /// </summary>
    public sealed class FailedExpressExecutionFinder
    {
        /// <summary>Logs Insights returns at most this many rows a query.</summary>
        public const int QueryRowLimit = 10_000;

        /// <summary>How long to wait for a Logs Insights concurrency slot, at most, before giving up.</summary>
        public static readonly TimeSpan ConcurrencyPatience = TimeSpan.FromMinutes(5);

        /// <summary>The end event of each status that can be resumed.</summary>
        public static readonly IReadOnlyDictionary<string, string> EndEvents = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["FAILED"] = "ExecutionFailed",
            ["TIMED_OUT"] = "ExecutionTimedOut",
            ["ABORTED"] = "ExecutionAborted",
        };

        private readonly Func<TimeSpan, CancellationToken, Task> delay;

        /// <param name="delay">How to wait between looks at a running query; Task.Delay when omitted.</param>
        public FailedExpressExecutionFinder(Func<TimeSpan, CancellationToken, Task>? delay = null)
        {
            this.delay = delay ?? ((wait, ct) => Task.Delay(wait, ct));
        }

        /// <summary>
        /// Between looks at a running Logs Insights query. GetQueryResults allows 5 calls a second per account; a
        /// query over a few hours of one group takes seconds, so one look a second costs little and waits little.
        /// </summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Rows asked of one query (at most <see cref="QueryRowLimit"/>); a full answer is followed by a query from its last row on.</summary>
        public int RowLimit { get; set; } = QueryRowLimit;

        /// <summary>Between tries to start a query while the account runs as many as it may at once.</summary>
        public TimeSpan ConcurrencyWait { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>
        /// Reads the machine's logging configuration (DescribeStateMachine) and searches its log group for the end
        /// records of the executions with the given statuses that ended in [<paramref name="since"/>, <paramref name="until"/>).
        /// </summary>
        /// <param name="note">Told what is worth knowing: the log group searched, a level too low for failure points, what a query scanned.</param>
        /// <exception cref="ExpressLogsException">A Standard machine, logging off, the log group deleted, a query that failed.</exception>
        public IEnumerable<ExpressExecutionItem> Find(
            IStepFunctionsClient stepFunctions,
            ICloudWatchLogsClient logs,
            string stateMachineArn,
            DateTime since,
            DateTime until,
            IReadOnlyCollection<string> statuses,
            ExpressSearchMethod method,
            Action<string>? note,
            CancellationToken cancellationToken)
        {
            if (since >= until)
            {
                throw new ArgumentException($"The window is empty: it starts {since:u} and ends {until:u}.", nameof(since));
            }

            var unknown = statuses.Where(s => !EndEvents.ContainsKey(s)).ToList();
            if (unknown.Count > 0 || statuses.Count == 0)
            {
                throw new ArgumentException($"Statuses must be among {string.Join(", ", EndEvents.Keys)}; found '{string.Join(", ", unknown)}'.", nameof(statuses));
            }

            var machineArn = StateMachineArns.Unqualified(stateMachineArn);
            var machine = stepFunctions.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = machineArn }, cancellationToken).GetAwaiter().GetResult();
            if (!string.Equals(machine.Type, "EXPRESS", StringComparison.OrdinalIgnoreCase))
            {
                throw new ExpressLogsException(ExpressLogsException.NotExpressMachine,
                    $"'{machine.Name}' is a {machine.Type} state machine: Step Functions lists its executions, which are not searched for in logs.",
                    $"List its executions with ListExecutions (statusFilter FAILED) on '{machineArn}' and resume them as Standard executions.");
            }

            var logGroup = ExpressLogging.LogGroupOf(machine, needAll: false);
            note?.Invoke($"Searching the log group '{logGroup}' of '{machine.Name}' by {method} for {string.Join(", ", statuses)} executions that ended from {since:u} to {until:u}.");
            if (!string.Equals(machine.LoggingConfiguration?.Level, "ALL", StringComparison.Ordinal))
            {
                note?.Invoke($"'{machine.Name}' logs at level {machine.LoggingConfiguration?.Level}: enough to find the executions that failed, not to say where (failure points need level ALL).");
            }

            var prefix = ExecutionArnPrefix(machineArn);
            var endEvents = statuses.Select(s => EndEvents[s]).Distinct().ToList();
            var records = method == ExpressSearchMethod.LogsInsights
                ? Query(logs, logGroup, prefix, endEvents, since, until, note, cancellationToken)
                : Filter(logs, logGroup, prefix, endEvents, since, until, cancellationToken);

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in records)
            {
                // The log group may be shared with other machines and the match is the service's: both are checked again here.
                if (!record.ExecutionArn.StartsWith(prefix, StringComparison.Ordinal) || !endEvents.Contains(record.Event.Type)
                    || record.Event.Timestamp < since || record.Event.Timestamp >= until || !seen.Add(record.ExecutionArn))
                {
                    continue;
                }

                yield return new ExpressExecutionItem
                {
                    ExecutionArn = record.ExecutionArn,
                    StateMachineArn = machineArn,
                    Name = NameOf(record.ExecutionArn),
                    Status = EndEvents.First(e => e.Value == record.Event.Type).Key,
                    StopDate = record.Event.Timestamp,
                    RedriveCount = 0,
                    Error = record.Event.Details?.Error,
                    Cause = record.Event.Details?.Cause,
                    LogGroupName = logGroup,
                };
            }
        }

        /// <summary>
        /// <c>{ ($.type = "ExecutionFailed" || ...) &amp;&amp; $.execution_arn = "arn:...:express:Machine:*" }</c>: only the
        /// end records of this machine's executions come back, however many other records the group holds.
        /// </summary>
        public static string FilterPattern(string executionArnPrefix, IEnumerable<string> endEvents)
            => "{ (" + string.Join(" || ", endEvents.Select(e => "$.type = \"" + e + "\"")) + ") && $.execution_arn = \"" + executionArnPrefix + "*\" }";

        /// <summary>The Logs Insights query for the same records, oldest first, a row per record with the whole record in it.</summary>
        public static string QueryString(string executionArnPrefix, IEnumerable<string> endEvents, int rowLimit = QueryRowLimit)
            => "fields @timestamp, @message\n"
                + "| filter type in [" + string.Join(", ", endEvents.Select(e => "\"" + e + "\"")) + "] and execution_arn like \"" + executionArnPrefix + "\"\n"
                + "| sort @timestamp asc\n"
                + "| limit " + rowLimit.ToString(CultureInfo.InvariantCulture);

        /// <summary><c>arn:partition:states:region:account:express:machine:</c>, how every Express execution ARN of the machine starts.</summary>
        public static string ExecutionArnPrefix(string stateMachineArn)
        {
            var parts = StateMachineArns.Unqualified(stateMachineArn).Split(':');
            return string.Join(":", parts, 0, 5) + ":express:" + parts[6] + ":";
        }

        private static string NameOf(string executionArn)
        {
            var parts = executionArn.Split(':');
            return parts.Length > 7 ? parts[7] : executionArn;
        }

        private static IEnumerable<LogRecord> Filter(ICloudWatchLogsClient logs, string logGroup, string prefix, IReadOnlyCollection<string> endEvents, DateTime since, DateTime until, CancellationToken cancellationToken)
        {
            var request = new FilterLogEventsRequest
            {
                LogGroupName = logGroup,
                FilterPattern = FilterPattern(prefix, endEvents),
                StartTime = EpochMilliseconds(since),
                EndTime = EpochMilliseconds(until),
            };
            do
            {
                var page = Call(logGroup, () => logs.FilterLogEventsAsync(request, cancellationToken));
                foreach (var e in page.Events)
                {
                    if (!string.IsNullOrEmpty(e.Message))
                    {
                        yield return LogRecordParser.Parse(e.Message!);
                    }
                }

                // An empty page with a token is the service still searching, not the end.
                request.NextToken = page.NextToken;
            }
            while (request.NextToken != null);
        }

        private IEnumerable<LogRecord> Query(ICloudWatchLogsClient logs, string logGroup, string prefix, IReadOnlyCollection<string> endEvents, DateTime since, DateTime until, Action<string>? note, CancellationToken cancellationToken)
        {
            var start = since;
            double scanned = 0;
            while (true)
            {
                var rows = RunQuery(logs, logGroup, QueryString(prefix, endEvents, RowLimit), start, until, note, cancellationToken, out var bytes);
                scanned += bytes;
                LogRecord? last = null;
                foreach (var row in rows)
                {
                    var message = row.FirstOrDefault(f => f.Field == "@message")?.Value;
                    if (!string.IsNullOrEmpty(message))
                    {
                        last = LogRecordParser.Parse(message!);
                        yield return last;
                    }
                }

                if (rows.Count < RowLimit || last == null)
                {
                    break;
                }

                // A full answer: the rest of the window is queried again from the last row's second on (StartQuery
                // counts whole seconds; rows read twice are dropped by their ARN).
                var next = DateTimeOffset.FromUnixTimeSeconds(EpochSeconds(last.Event.Timestamp)).UtcDateTime;
                if (next <= start)
                {
                    throw new ExpressLogsException(ExpressLogsException.QueryFailed,
                        $"More than {RowLimit:N0} executions of the log group '{logGroup}' ended in the second of {start:u}: Logs Insights cannot page past them.",
                        "Search with FilterLogEvents, which pages through any number of records.");
                }

                start = next;
            }

            note?.Invoke($"Logs Insights scanned {scanned / 1024 / 1024:N1} MiB of '{logGroup}' (billed per GB scanned).");
        }

        private List<List<ResultField>> RunQuery(ICloudWatchLogsClient logs, string logGroup, string queryString, DateTime since, DateTime until, Action<string>? note, CancellationToken cancellationToken, out double bytesScanned)
        {
            var request = new StartQueryRequest { LogGroupName = logGroup, QueryString = queryString, StartTime = EpochSeconds(since), EndTime = EpochSeconds(until) + 1, Limit = RowLimit };
            StartQueryResponse started;
            var waited = TimeSpan.Zero;
            while (true)
            {
                try
                {
                    started = Call(logGroup, () => logs.StartQueryAsync(request, cancellationToken));
                    break;
                }
                catch (CloudWatchLogsException e) when (e.ErrorCode == "LimitExceededException" && waited < ConcurrencyPatience)
                {
                    // The account runs as many queries as it may (30 by default, shared with scheduled queries): one
                    // of them ends soon, as queries do, and the slot is taken then.
                    if (waited == TimeSpan.Zero)
                    {
                        note?.Invoke($"Logs Insights runs as many queries as the account allows ({e.Message}); waiting for one to end.");
                    }

                    delay(ConcurrencyWait, cancellationToken).GetAwaiter().GetResult();
                    waited += ConcurrencyWait;
                }
            }

            var queryId = started.QueryId ?? throw new ExpressLogsException(ExpressLogsException.QueryFailed, $"StartQuery on '{logGroup}' returned no query id.", "Run the command again.");
            while (true)
            {
                var answer = Call(logGroup, () => logs.GetQueryResultsAsync(new GetQueryResultsRequest { QueryId = queryId }, cancellationToken));
                switch (answer.Status)
                {
                    case "Complete":
                        bytesScanned = answer.Statistics?.BytesScanned ?? 0;
                        return answer.Results;
                    case "Scheduled":
                    case "Running":
                        delay(PollInterval, cancellationToken).GetAwaiter().GetResult();
                        continue;
                    default:
                        throw new ExpressLogsException(ExpressLogsException.QueryFailed,
                            $"The Logs Insights query {queryId} on '{logGroup}' ended {answer.Status ?? "without a status"}: the failed executions in the window are unknown.",
                            "Search again over a shorter window, or with FilterLogEvents.");
                }
            }
        }

        private static T Call<T>(string logGroup, Func<Task<T>> call)
        {
            try
            {
                return call().GetAwaiter().GetResult();
            }
            catch (CloudWatchLogsException e) when (e.ErrorCode == "ResourceNotFoundException")
            {
                throw new ExpressLogsException(ExpressLogsException.LogGroupNotFound,
                    $"The log group '{logGroup}' the state machine logs to does not exist (deleted?): the executions it recorded went with it.",
                    "Create the log group again (CreateLogGroup) so that executions to come are recorded.", e)
                { LogGroupName = logGroup };
            }
        }

        private static long EpochMilliseconds(DateTime time) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

        private static long EpochSeconds(DateTime time) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeSeconds();
    }
}
