using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws.Logs;
using SfnResume.Aws.Logs.Model;
using SfnResume.Aws.Model;
using SfnResume.Redrive;

namespace SfnResume.Express
{
    /// <summary>
    /// What exists of an Express execution's GoTo resumes, found in the log group the copy logs to: Step Functions
    /// cannot describe an Express run, and StartExecution is not idempotent for Express workflows (a name used
    /// again starts another run). The resumes are named as Standard ones are (<see cref="ResumedRunNames"/>), so one
    /// FilterLogEvents search for the start and end records of runs of the copy named after this execution tells
    /// which attempts began and how each ended.
    /// <para>What that guarantees: a run is seen once its ExecutionStarted record reached the log group (CloudWatch
    /// Logs delivers within seconds, at times minutes). A rerun after that starts nothing twice; a rerun inside that
    /// delay cannot see the run and starts it again.</para>
    /// </summary>
    public static class ExpressResumeLookup
    {
        /// <summary>The longest an Express execution runs: its records all lie within this of its start.</summary>
        public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(5);

        private static readonly string[] Ends = { "ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted" };

        /// <param name="since">No resume is older than this (the failed execution ended then); null: the group's beginning.</param>
        public static async Task<ResumedRunLookup> FindAsync(
            Func<FilterLogEventsRequest, CancellationToken, Task<FilterLogEventsResponse>> filter,
            string logGroup,
            string failedExecutionArn,
            string copyArn,
            DateTime? since,
            CancellationToken cancellationToken)
        {
            var prefix = SearchPrefix(failedExecutionArn, copyArn);
            var request = new FilterLogEventsRequest
            {
                LogGroupName = logGroup,
                FilterPattern = "{ ($.type = \"ExecutionStarted\" || " + string.Join(" || ", Ends.Select(t => "$.type = \"" + t + "\"")) + ") && $.execution_arn = \"" + prefix + "*\" }",
                StartTime = since == null ? null : new DateTimeOffset(DateTime.SpecifyKind(since.Value, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
            };

            var records = new List<LogRecord>();
            try
            {
                do
                {
                    var page = await filter(request, cancellationToken).ConfigureAwait(false);
                    records.AddRange(page.Events.Where(e => !string.IsNullOrEmpty(e.Message)).Select(e => LogRecordParser.Parse(e.Message!)));
                    request.NextToken = page.NextToken;
                }
                while (request.NextToken != null);
            }
            catch (CloudWatchLogsException e) when (e.ErrorCode == "ResourceNotFoundException")
            {
                throw new ExpressLogsException(ExpressLogsException.LogGroupNotFound,
                    $"The log group '{logGroup}' the GoTo copy logs to does not exist (deleted?): whether '{failedExecutionArn}' was resumed before cannot be told.",
                    "Create the log group again (CreateLogGroup), then run the command again.", e)
                { LogGroupName = logGroup };
            }

            return FromRecords(records, failedExecutionArn, copyArn);
        }

        /// <summary>The start and end records of the copy's runs to look for (see <see cref="SearchPrefix"/>).</summary>
        public static IReadOnlyList<string> RecordTypes { get; } = new[] { "ExecutionStarted" }.Concat(Ends).ToArray();

        /// <summary>How the ARNs of the copy's runs named after <paramref name="failedExecutionArn"/> begin, whatever the attempt.</summary>
        public static string SearchPrefix(string failedExecutionArn, string copyArn)
        {
            var first = ResumedRunNames.For(failedExecutionArn, 1);
            return ExecutionPrefix(copyArn) + first.Substring(0, first.LastIndexOf("-r1-", StringComparison.Ordinal)) + "-r";
        }

        /// <summary>What exists of the resumes, from the start and end records of the copy's runs read already.</summary>
        public static ResumedRunLookup FromRecords(IEnumerable<LogRecord> records, string failedExecutionArn, string copyArn)
        {
            // Each run by its execution ARN (a name used twice made two runs): started when, ended how.
            var runs = new Dictionary<string, DescribeExecutionResponse>(StringComparer.Ordinal);
            foreach (var record in records)
            {
                if (!runs.TryGetValue(record.ExecutionArn, out var run))
                {
                    run = runs[record.ExecutionArn] = new DescribeExecutionResponse { ExecutionArn = record.ExecutionArn, StateMachineArn = copyArn, Name = NameOf(record.ExecutionArn), Status = "RUNNING" };
                }

                if (record.Event.Type == "ExecutionStarted")
                {
                    run.StartDate = record.Event.Timestamp;
                }
                else if (Ends.Contains(record.Event.Type))
                {
                    run.Status = StatusOf(record.Event.Type);
                    run.StopDate = record.Event.Timestamp;
                }
            }

            DescribeExecutionResponse? latest = null;
            for (var attempt = 1; attempt <= ResumedRunLookup.MaxAttempts; attempt++)
            {
                var name = ResumedRunNames.For(failedExecutionArn, attempt);
                var named = runs.Values.Where(r => r.Name == name).ToList();
                if (named.Count == 0)
                {
                    return ResumedRunLookup.Found(attempt, name, latest);
                }

                // Of runs started twice under one name, one running or succeeded carries the resume.
                latest = named.FirstOrDefault(r => r.Status == "RUNNING" || r.Status == "SUCCEEDED") ?? named.OrderBy(r => r.StopDate).Last();
                if (latest.Status == "RUNNING" || latest.Status == "SUCCEEDED")
                {
                    return ResumedRunLookup.Found(attempt, name, latest);
                }
            }

            throw new InvalidOperationException($"'{failedExecutionArn}' has been resumed {ResumedRunLookup.MaxAttempts} times, and every run failed; resume it by hand.");
        }

        /// <summary>How an Express run's executions begin: <c>arn:...:express:&lt;machine&gt;:</c>, from the state machine's ARN.</summary>
        public static string ExecutionPrefix(string stateMachineArn)
        {
            var parts = stateMachineArn.Split(':');
            return string.Join(":", parts.Take(5)) + ":express:" + parts[6] + ":";
        }

        /// <summary>The status ListExecutions would give for an end record's type.</summary>
        public static string StatusOf(string endType) => endType switch
        {
            "ExecutionSucceeded" => "SUCCEEDED",
            "ExecutionFailed" => "FAILED",
            "ExecutionTimedOut" => "TIMED_OUT",
            "ExecutionAborted" => "ABORTED",
            _ => "RUNNING",
        };

        /// <summary>The end record types, for a filter pattern.</summary>
        public static IReadOnlyList<string> EndTypes => Ends;

        private static string NameOf(string expressExecutionArn)
        {
            var parts = expressExecutionArn.Split(':');
            return parts.Length > 7 ? parts[7] : string.Empty;
        }
    }
}
