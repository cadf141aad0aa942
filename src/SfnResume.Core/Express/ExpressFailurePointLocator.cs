using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Logs;
using SfnResume.Aws.Logs.Model;
using SfnResume.Aws.Model;
using SfnResume.Definitions;
using SfnResume.History;

namespace SfnResume.Express
{
    /// <summary>
    /// The failure point of an Express execution, from its CloudWatch Logs records: Step Functions keeps no history
    /// for Express workflows, but at level ALL the log holds one record per history event. The records are turned
    /// into those events and analysed as a Standard history is (<see cref="FailurePointFinder"/>).
    /// </summary>
    public sealed class ExpressFailurePointLocator
    {
        /// <summary>Beyond an Express run's longest (<see cref="ExpressResumeLookup.MaxDuration"/>): a minute either side covers clocks and delivery.</summary>
        private static readonly TimeSpan Slack = TimeSpan.FromMinutes(1);

        private readonly FailurePointFinder finder = new FailurePointFinder();

        /// <summary>Each state machine described once per locator: a pipeline of one machine's executions reads it once.</summary>
        private readonly Dictionary<string, DescribeStateMachineResponse> described = new Dictionary<string, DescribeStateMachineResponse>(StringComparer.Ordinal);

        /// <summary>
        /// Reads the state machine's logging configuration and definition (DescribeStateMachine), the execution's
        /// records from its log group (FilterLogEvents on <c>execution_arn</c>), and analyses them.
        /// </summary>
        /// <param name="given">The definition the execution ran; null to use the state machine's current one.</param>
        /// <param name="stoppedAt">
        /// When the execution stopped, if known (a search's answer says): its records are looked for in the minutes
        /// before, not through the whole log group, and through the whole group only when they are not there.
        /// </param>
        /// <exception cref="ExpressLogsException">Logging off or below ALL, the log group deleted, the records gone or incomplete.</exception>
        /// <exception cref="ExecutionNotFailedException">The records end without a failure (succeeded, or still running).</exception>
        public FailurePoint Locate(IStepFunctionsClient stepFunctions, ICloudWatchLogsClient logs, string executionArn, StateMachineDefinition? given, CancellationToken cancellationToken, DateTime? stoppedAt = null)
        {
            var machineArn = ExpressArns.StateMachineOf(executionArn)
                ?? throw new ArgumentException($"'{executionArn}' is not an Express execution ARN.", nameof(executionArn));
            if (!described.TryGetValue(machineArn, out var machine))
            {
                machine = described[machineArn] = stepFunctions.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = machineArn }, cancellationToken).GetAwaiter().GetResult();
            }

            var logGroup = ExpressLogging.LogGroupOf(machine, needAll: true);
            var notes = new List<string>();
            if (machine.LoggingConfiguration?.IncludeExecutionData != true)
            {
                notes.Add($"'{machine.Name}' logs without execution data (includeExecutionData false): the records name the states, not their inputs.");
            }

            ExecutionLog? log = null;
            if (stoppedAt is DateTime stopped)
            {
                var utc = stopped.ToUniversalTime();
                var near = ReadRecordsAsync(logs.FilterLogEventsAsync, logGroup, executionArn, utc - ExpressResumeLookup.MaxDuration - Slack, utc + Slack, cancellationToken).GetAwaiter().GetResult();
                log = ExecutionLog.Group(near.Where(r => r.ExecutionArn == executionArn)).SingleOrDefault();
            }

            log ??= ExecutionLog.Group(ReadRecords(logs, logGroup, executionArn, cancellationToken).Where(r => r.ExecutionArn == executionArn)).SingleOrDefault();
            if (log == null)
            {
                throw NotFound(logs, logGroup, executionArn, cancellationToken);
            }

            var definition = given;
            if (definition == null)
            {
                definition = StateMachineDefinition.TryParse(machine.Definition);
                notes.Add(definition == null
                    ? "The state machine's definition could not be parsed; state paths come from the records alone."
                    : "Analysed with the state machine's current definition: Step Functions does not say which version an Express execution ran.");
            }

            return Analyze(log, definition, machineArn, "CloudWatch Logs " + logGroup, notes, cancellationToken);
        }

        /// <summary>
        /// The failure point of <paramref name="executionArn"/> from the log group its state machine logs to, whose
        /// name and definition the caller read already (a batch reads them once per state machine). Each
        /// FilterLogEvents page goes through <paramref name="filter"/>, so the caller paces and retries it.
        /// </summary>
        /// <param name="from">No record of the execution is older (it started then, or later); null: the group's beginning.</param>
        /// <param name="to">No record of the execution is newer (it ended then, or earlier); null: now.</param>
        /// <exception cref="ExpressLogsException">The log group deleted, no record of the execution, or its records incomplete.</exception>
        /// <exception cref="ExecutionNotFailedException">The records end without a failure.</exception>
        public async Task<FailurePoint> LocateInGroupAsync(
            Func<FilterLogEventsRequest, CancellationToken, Task<FilterLogEventsResponse>> filter,
            string logGroup,
            string executionArn,
            StateMachineDefinition? definition,
            DateTime? from,
            DateTime? to,
            CancellationToken cancellationToken)
        {
            var records = await ReadRecordsAsync(filter, logGroup, executionArn, from, to, cancellationToken).ConfigureAwait(false);
            return FromRecords(records, logGroup, executionArn, definition, from, to, cancellationToken);
        }

        /// <summary>The failure point of <paramref name="executionArn"/> from records read already (see <see cref="LogFilterBatcher"/>).</summary>
        /// <exception cref="ExpressLogsException">No record of the execution, or its records incomplete.</exception>
        /// <exception cref="ExecutionNotFailedException">The records end without a failure.</exception>
        public FailurePoint FromRecords(IEnumerable<LogRecord> records, string logGroup, string executionArn, StateMachineDefinition? definition, DateTime? from, DateTime? to, CancellationToken cancellationToken)
        {
            var log = ExecutionLog.Group(records.Where(r => r.ExecutionArn == executionArn)).SingleOrDefault()
                ?? throw new ExpressLogsException(ExpressLogsException.RecordsNotFound,
                    $"The log group '{logGroup}' has no record of '{executionArn}'{Window(from, to)}: it expired with the group's retention, ran before logging was on, or is not this state machine's.",
                    "Check the execution ARN; its failure point read on its own says how long the group keeps records.")
                { LogGroupName = logGroup };
            return Analyze(log, definition, ExpressArns.StateMachineOf(executionArn), "CloudWatch Logs " + logGroup, new List<string>(), cancellationToken);
        }

        /// <summary>
        /// The failure points in a file of saved records: one per failed execution in it. A file of one execution
        /// that did not fail is <see cref="ExecutionNotFailedException"/>; of several, those that did not fail are skipped.
        /// </summary>
        /// <exception cref="ExpressLogsException">The file has no records, or an execution's records are incomplete.</exception>
        /// <exception cref="HistoryFormatException">The file is not a file of records.</exception>
        public IEnumerable<FailurePoint> LocateInFile(string path, StateMachineDefinition? definition, Action<string>? skipped, CancellationToken cancellationToken)
        {
            var executions = ExecutionLog.Group(LogRecordFile.Read(path));
            if (executions.Count == 0)
            {
                throw new ExpressLogsException(ExpressLogsException.NoRecordsInFile, $"'{path}' holds no Step Functions log records.",
                    "Save the execution's records with aws logs filter-log-events --log-group-name <group> --filter-pattern '{ $.execution_arn = \"<execution ARN>\" }' > records.json.");
            }

            foreach (var log in executions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                FailurePoint point;
                try
                {
                    point = Analyze(log, definition, ExpressArns.StateMachineOf(log.ExecutionArn), path, new List<string>(), cancellationToken);
                }
                catch (ExecutionNotFailedException e) when (executions.Count > 1)
                {
                    skipped?.Invoke($"{log.ExecutionArn}: {e.Message}");
                    continue;
                }

                yield return point;
            }
        }

        /// <summary>The analysis of one execution's records, oldest first.</summary>
        /// <exception cref="ExpressLogsException">The records are incomplete.</exception>
        public FailurePoint Analyze(ExecutionLog log, StateMachineDefinition? definition, string? stateMachineArn, string source, List<string> notes, CancellationToken cancellationToken)
        {
            if (!log.IsComplete)
            {
                var missing = log.FirstMissingId;
                throw new ExpressLogsException(
                    ExpressLogsException.RecordsIncomplete,
                    $"The log records of '{log.ExecutionArn}' are incomplete: {log.Events.Count} records, none for event {missing}. "
                        + "At level ERROR or FATAL Step Functions logs only failure events; records also go when the log group's retention ends.",
                    "Log the state machine at level ALL (Update-SFNStateMachine -LoggingConfiguration_Level ALL) for executions to come, and read the records of this one before its log group's retention ends.");
            }

            var analysis = finder.Analyze(NewestFirst(log.Events), definition, cancellationToken);
            if (analysis.ResumeInput == null && analysis.ResumeStateEventId is long resumeId
                && log.Records.FirstOrDefault(r => r.Event.Id == resumeId) is LogRecord resumeRecord && resumeRecord.PayloadTruncated)
            {
                notes.Add($"CloudWatch Logs truncated the record of '{analysis.ResumeState}' (event {resumeId}; payloads over about 256 KB are cut): the input to resume with is unknown.");
            }

            return FailurePointLocator.Create(analysis, log.ExecutionArn, ExecutionArns.NameOf(log.ExecutionArn), stateMachineArn, 0, definition, source, notes);
        }

        private static List<LogRecord> ReadRecords(ICloudWatchLogsClient logs, string logGroup, string executionArn, CancellationToken cancellationToken)
            => ReadRecordsAsync(logs.FilterLogEventsAsync, logGroup, executionArn, null, null, cancellationToken).GetAwaiter().GetResult();

        private static string Window(DateTime? from, DateTime? to)
            => from == null && to == null ? string.Empty : $" between {from?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "its beginning"} and {to?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "now"}";

        /// <summary>
        /// Every record of the execution, page by page. A known start or end narrows the search to that window:
        /// FilterLogEvents looks at the window's records only, so a busy group costs fewer and faster pages.
        /// </summary>
        private static async Task<List<LogRecord>> ReadRecordsAsync(
            Func<FilterLogEventsRequest, CancellationToken, Task<FilterLogEventsResponse>> filter,
            string logGroup,
            string executionArn,
            DateTime? from,
            DateTime? to,
            CancellationToken cancellationToken)
        {
            var request = new FilterLogEventsRequest
            {
                LogGroupName = logGroup,
                FilterPattern = ExecutionFilter(executionArn),
                StartTime = from == null ? null : new DateTimeOffset(DateTime.SpecifyKind(from.Value, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
                EndTime = to == null ? null : new DateTimeOffset(DateTime.SpecifyKind(to.Value, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
            };
            var records = new List<LogRecord>();
            try
            {
                do
                {
                    var page = await filter(request, cancellationToken).ConfigureAwait(false);
                    foreach (var e in page.Events)
                    {
                        if (!string.IsNullOrEmpty(e.Message))
                        {
                            records.Add(LogRecordParser.Parse(e.Message!));
                        }
                    }

                    request.NextToken = page.NextToken;
                }
                while (request.NextToken != null);
            }
            catch (CloudWatchLogsException e) when (e.ErrorCode == "ResourceNotFoundException")
            {
                throw new ExpressLogsException(ExpressLogsException.LogGroupNotFound,
                    $"The log group '{logGroup}' the state machine logs to does not exist (deleted?): the records of '{executionArn}' went with it.",
                    "Create the log group again (CreateLogGroup) so that executions to come are recorded; this one cannot be read.", e)
                { LogGroupName = logGroup };
            }

            return records;
        }

        private static ExpressLogsException NotFound(ICloudWatchLogsClient logs, string logGroup, string executionArn, CancellationToken cancellationToken)
        {
            string kept;
            try
            {
                var groups = logs.DescribeLogGroupsAsync(new DescribeLogGroupsRequest { LogGroupNamePrefix = logGroup, Limit = 1 }, cancellationToken).GetAwaiter().GetResult();
                var retention = groups.LogGroups.FirstOrDefault(g => g.LogGroupName == logGroup)?.RetentionInDays;
                kept = (retention == null ? "The group keeps records for ever" : $"The group keeps records {retention} days")
                    + ": the execution is older than that, ran before logging was on, or the ARN is not one of this state machine's";
            }
            catch (CloudWatchLogsException e)
            {
                // The retention only explains the absence: without it the error says so, and what would tell.
                kept = $"The group's retention could not be read ({e.ErrorCode}: logs:DescribeLogGroups tells it), so whether the records expired is not known: "
                    + "the execution may be older than the retention, have run before logging was on, or not be this state machine's";
            }

            return new ExpressLogsException(ExpressLogsException.RecordsNotFound,
                $"The log group '{logGroup}' has no record of '{executionArn}'. {kept}.",
                "Check the execution ARN; an execution whose records expired cannot be analysed (raise the retention with Write-CWLRetentionPolicy for executions to come).")
            { LogGroupName = logGroup };
        }

        /// <summary>A filter pattern matching one execution's JSON records: <c>{ $.execution_arn = "..." }</c>.</summary>
        public static string ExecutionFilter(string executionArn) => "{ $.execution_arn = \"" + executionArn.Replace("\"", "\\\"") + "\" }";

        private static IEnumerable<HistoryEvent> NewestFirst(IReadOnlyList<HistoryEvent> events)
        {
            for (var i = events.Count - 1; i >= 0; i--)
            {
                yield return events[i];
            }
        }
    }
}
