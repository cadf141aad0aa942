using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Logs;
using SfnResume.Aws.Logs.Model;
using SfnResume.Aws.Model;
using SfnResume.Definitions;
using SfnResume.Express;
using SfnResume.History;

namespace SfnResume.MapRuns
{
    /// <summary>
    /// Reads the CloudWatch Logs records of a Map Run's unsuccessful Express children in one scan, not one search
    /// per child: one FilterLogEvents paging (each page paced by the Logs client to the account's 5 calls a second)
    /// over the run's window, for every execution of the run's labelled state machine, kept only for the children
    /// asked for and grouped by execution ARN.
    /// <para>Where the children log (an assumption, not confirmed by AWS's documentation): to the log group of the
    /// parent's logging configuration, as the executions of the labelled state machine
    /// <c>stateMachine:&lt;machine&gt;/&lt;label&gt;</c> that the Map Run's metrics name (AWS Step Functions developer
    /// guide, "Viewing a Distributed Map Run execution"), with execution ARNs
    /// <c>arn:&lt;partition&gt;:states:&lt;region&gt;:&lt;account&gt;:express:&lt;machine&gt;/&lt;label&gt;:&lt;name&gt;:&lt;id&gt;</c>: the
    /// Express ARN form (machine, name, id) over that labelled machine, as ListExecutions by mapRunArn lists them.
    /// The scan's pattern is taken from the listed ARNs themselves, so only the log group is assumed. The parent's
    /// logging configuration and definition come from one DescribeStateMachineForExecution of the parent (the
    /// configuration the run ran with); the children's definition is the Map's ItemProcessor in it.</para>
    /// </summary>
    public sealed class ExpressChildLogReader
    {
        private readonly IStepFunctionsClient client;
        private readonly TransientRetry retry;
        private readonly Func<ICloudWatchLogsClient>? logs;

        /// <param name="logs">The Logs client, made on first use; null: Logs is not read here, and every child says so.</param>
        public ExpressChildLogReader(IStepFunctionsClient client, TransientRetry retry, Func<ICloudWatchLogsClient>? logs)
        {
            this.client = client;
            this.retry = retry;
            this.logs = logs;
        }

        /// <summary>The records of <paramref name="children"/> (Express children of <paramref name="run"/>), or why none could be read.</summary>
        /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
        public async Task<ExpressChildLogs> ReadAsync(MapRun run, IReadOnlyCollection<ExecutionListItem> children, CancellationToken cancellationToken)
        {
            if (logs == null)
            {
                return Unread(Problem(ExpressLogsException.LogsNotRead, "CloudWatch Logs is not read here, so the Express children's records were not.", "Read the Map Run's children where CloudWatch Logs can be reached with the same credentials."));
            }

            if (string.IsNullOrEmpty(run.ExecutionArn))
            {
                return Unread(Problem(ExpressLogsException.LogsNotRead, $"The parent execution of '{run.MapRunArn}' is not known, so neither is the log group its Express children log to.", "Read the children from the parent execution's failure point."));
            }

            DescribeStateMachineForExecutionResponse parent;
            try
            {
                parent = await retry.RunAsync(ct => client.DescribeStateMachineForExecutionAsync(new DescribeStateMachineForExecutionRequest { ExecutionArn = run.ExecutionArn! }, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (StepFunctionsException e)
            {
                return Unread(Problem(ExpressLogsException.LogsNotRead,
                    $"The logging configuration of '{run.ExecutionArn}' could not be read ({e.ErrorCode}: {e.Message}), so neither could the log group its Express children log to.",
                    "Allow states:DescribeStateMachineForExecution on the parent execution.", e));
            }

            string group;
            try
            {
                group = ExpressLogging.LogGroupOf(new DescribeStateMachineResponse { StateMachineArn = parent.StateMachineArn, Name = parent.Name, LoggingConfiguration = parent.LoggingConfiguration }, needAll: true);
            }
            catch (ExpressLogsException e)
            {
                return Unread(e);
            }

            if (parent.LoggingConfiguration?.IncludeExecutionData != true)
            {
                return Unread(Problem(ExpressLogsException.NoExecutionData,
                    $"'{parent.Name}' logs without execution data (includeExecutionData false): its Express children's records name their states, not the inputs to resume them with, nor their items.",
                    $"Log '{parent.StateMachineArn}' with execution data (UpdateStateMachine's loggingConfiguration.includeExecutionData) for runs to come."));
            }

            var (definition, definitionNote) = ItemProcessorOf(parent.Definition, run.Label);
            var from = (run.StartDate ?? children.Min(c => (DateTime?)c.StartDate))?.AddSeconds(-1);
            var last = run.StopDate ?? (children.Any(c => c.StopDate == null) ? null : children.Max(c => c.StopDate));
            // A child started before the run stopped may log for as long as an Express run lasts after it.
            var to = last?.Add(ExpressResumeLookup.MaxDuration);
            var wanted = new HashSet<string>(children.Select(c => c.ExecutionArn), StringComparer.Ordinal);
            var records = new List<LogRecord>();
            var started = new Dictionary<string, string>(StringComparer.Ordinal);
            var pages = 0;
            try
            {
                foreach (var prefix in wanted.Select(LabelledPrefix).Distinct(StringComparer.Ordinal))
                {
                    var request = new FilterLogEventsRequest
                    {
                        LogGroupName = group,
                        FilterPattern = "{ $.execution_arn = \"" + prefix.Replace("\"", "\\\"") + "*\" }",
                        StartTime = from == null ? null : Epoch(from.Value),
                        EndTime = to == null ? null : Epoch(to.Value),
                    };
                    do
                    {
                        var page = await retry.RunAsync(ct => logs().FilterLogEventsAsync(request, ct), cancellationToken).ConfigureAwait(false);
                        pages++;
                        foreach (var e in page.Events)
                        {
                            // The run's other children (succeeded ones, other runs of the label) share the prefix: only the asked-for are kept.
                            if (!string.IsNullOrEmpty(e.Message) && LogRecordParser.Parse(e.Message!) is LogRecord record)
                            {
                                if (wanted.Contains(record.ExecutionArn))
                                {
                                    records.Add(record);
                                }
                                else if (record.Event.Type == "ExecutionStarted" && !record.PayloadTruncated && record.Event.Details?.Input is string input)
                                {
                                    // The others' inputs, in the pages read anyway: the precise resume needs the succeeded children's.
                                    started[record.ExecutionArn] = input;
                                }
                            }
                        }

                        // An empty page with a token is the service still searching, not the end.
                        request.NextToken = page.NextToken;
                    }
                    while (request.NextToken != null);
                }

                var byChild = ExecutionLog.Group(records).ToDictionary(l => l.ExecutionArn, StringComparer.Ordinal);
                return new ExpressChildLogs(group, definition, definitionNote, byChild, from, to, pages, null) { StartedInputs = started };
            }
            catch (CloudWatchLogsException e) when (e.ErrorCode == "ResourceNotFoundException")
            {
                return Unread(new ExpressLogsException(ExpressLogsException.LogGroupNotFound,
                    $"The log group '{group}' that '{parent.Name}' logs to does not exist (deleted?): its Express children's records went with it.",
                    "Create the log group again (CreateLogGroup) so that runs to come are recorded; these children cannot be read.", e)
                { LogGroupName = group }, pages);
            }
            catch (CloudWatchLogsException e)
            {
                return Unread(Problem(ExpressLogsException.LogsNotRead,
                    $"FilterLogEvents on '{group}' failed ({e.ErrorCode}: {e.Message}), so the Express children's records were not read.",
                    "Allow logs:FilterLogEvents on the log group, or read the children again later.", e), pages);
            }
            catch (HistoryFormatException e)
            {
                return Unread(Problem(ExpressLogsException.LogsNotRead,
                    $"A record in '{group}' under the run's executions is not a Step Functions log record ({e.Message}).",
                    "Check what else writes to the log group; the children's failure points come from DescribeExecution meanwhile.", e), pages);
            }
        }

        /// <summary>
        /// <c>arn:...:express:&lt;machine&gt;/&lt;label&gt;:</c>: everything of a child's ARN before its name and id. The
        /// run's children all share it, and so do other runs of the same label, which the window and the asked-for
        /// ARNs leave out.
        /// </summary>
        public static string LabelledPrefix(string childArn)
        {
            var parts = childArn.Split(':');
            return parts.Length < 9 ? childArn : string.Join(":", parts, 0, 7) + ":";
        }

        /// <summary>
        /// The ItemProcessor (or Iterator) of the Distributed Map whose Label, or name without one, is <paramref name="label"/>,
        /// anywhere in the definition, as a state machine of its own: what the children ran.
        /// </summary>
        public static (StateMachineDefinition? Definition, string? Note) ItemProcessorOf(string parentDefinition, string? label)
        {
            JsonObject? root;
            try
            {
                root = JsonNode.Parse(parentDefinition, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }) as JsonObject;
            }
            catch (JsonException)
            {
                root = null;
            }

            var processor = root == null || label == null ? null : Find(root, label);
            if (processor == null)
            {
                return (null, $"The Map labelled '{label}' was not found in the parent's definition; the children's state paths come from their records alone.");
            }

            var copy = (JsonObject)processor.DeepClone();
            copy.Remove("ProcessorConfig");
            if (!copy.ContainsKey("QueryLanguage") && root!["QueryLanguage"] is JsonNode language)
            {
                copy["QueryLanguage"] = language.DeepClone();
            }

            var definition = StateMachineDefinition.TryParse(copy.ToJsonString());
            return definition == null ? (null, $"The ItemProcessor of '{label}' could not be parsed; the children's state paths come from their records alone.") : (definition, null);
        }

        private static JsonObject? Find(JsonObject machine, string label)
        {
            if (!(machine["States"] is JsonObject states))
            {
                return null;
            }

            foreach (var state in states)
            {
                if (!(state.Value is JsonObject body))
                {
                    continue;
                }

                var processor = (body["ItemProcessor"] ?? body["Iterator"]) as JsonObject;
                if (processor != null && (body["Label"] is JsonValue named ? named.ToString() == label : state.Key == label)
                    && (processor["ProcessorConfig"] as JsonObject)?["Mode"]?.ToString() == "DISTRIBUTED")
                {
                    return processor;
                }

                var inner = processor == null ? null : Find(processor, label);
                foreach (var branch in (body["Branches"] as JsonArray)?.OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>())
                {
                    inner ??= Find(branch, label);
                }

                if (inner != null)
                {
                    return inner;
                }
            }

            return null;
        }

        private static ExpressLogsException Problem(string code, string message, string advice, Exception? inner = null) => new ExpressLogsException(code, message, advice, inner);

        private static ExpressChildLogs Unread(ExpressLogsException problem, int pages = 0)
            => new ExpressChildLogs(problem.LogGroupName, null, null, new Dictionary<string, ExecutionLog>(), null, null, pages, problem);

        private static long Epoch(DateTime at) => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
    }
}
