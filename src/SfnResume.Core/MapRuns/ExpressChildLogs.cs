using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using SfnResume.Definitions;
using SfnResume.Express;
using SfnResume.History;

namespace SfnResume.MapRuns
{
    /// <summary>
    /// What one scan of a log group found of a Map Run's unsuccessful Express children: each child's records, put
    /// back in event order, or the reason none could be read (the same for every child: logging off, a level below
    /// ALL, no execution data, the group gone, the call refused). A child is then located from its own records.
    /// </summary>
    public sealed class ExpressChildLogs
    {
        private readonly IReadOnlyDictionary<string, ExecutionLog> logs;
        private readonly ExpressFailurePointLocator locator = new ExpressFailurePointLocator();

        internal ExpressChildLogs(string? logGroup, StateMachineDefinition? definition, string? definitionNote, IReadOnlyDictionary<string, ExecutionLog> logs, DateTime? from, DateTime? to, int pages, ExpressLogsException? problem)
        {
            LogGroup = logGroup;
            Definition = definition;
            DefinitionNote = definitionNote;
            this.logs = logs;
            From = from;
            To = to;
            Pages = pages;
            Problem = problem;
        }

        /// <summary>The log group scanned; null when the reason it was not is <see cref="Problem"/>.</summary>
        public string? LogGroup { get; }

        /// <summary>The item processor the children ran, from the parent's definition; null when it was not found there.</summary>
        public StateMachineDefinition? Definition { get; }

        /// <summary>Why <see cref="Definition"/> is null, for each child's notes.</summary>
        public string? DefinitionNote { get; }

        /// <summary>The window scanned (the run's start to its stop, widened by the Express run limit).</summary>
        public DateTime? From { get; }

        public DateTime? To { get; }

        /// <summary>FilterLogEvents pages read.</summary>
        public int Pages { get; }

        /// <summary>
        /// The inputs of the run's other Express children (succeeded, still running), from their ExecutionStarted
        /// records in the pages the scan read anyway, by execution ARN: what the precise resume would otherwise ask
        /// DescribeExecution for, one child at a time.
        /// </summary>
        public IReadOnlyDictionary<string, string> StartedInputs { get; internal set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Why no child's records could be read; null when the group was scanned.</summary>
        public ExpressLogsException? Problem { get; }

        /// <summary>The child's failure point from its records, or (<paramref name="problem"/>) why its records cannot give it.</summary>
        public FailurePoint? Locate(string executionArn, CancellationToken cancellationToken, out ExpressLogsException? problem)
        {
            problem = Problem;
            if (problem != null)
            {
                return null;
            }

            if (!logs.TryGetValue(executionArn, out var log))
            {
                problem = new ExpressLogsException(ExpressLogsException.RecordsNotFound,
                    $"The log group '{LogGroup}' has no record of '{executionArn}' between {Text(From)} and {Text(To)}: they expired with the group's retention, or were not delivered.",
                    "Raise the log group's retention for runs to come; this child's failed state cannot be read.")
                { LogGroupName = LogGroup };
                return null;
            }

            try
            {
                var notes = new List<string>();
                if (DefinitionNote != null)
                {
                    notes.Add(DefinitionNote);
                }

                var point = locator.Analyze(log, Definition, ExpressArns.StateMachineOf(executionArn), "CloudWatch Logs " + LogGroup, notes, cancellationToken);

                // Its own input (the item) is the input it was started with: the precise resume matches it to its item.
                point.ExecutionInput = log.Events.Count > 0 && log.Events[0].Type == "ExecutionStarted" ? log.Events[0].Details?.Input : null;
                return point;
            }
            catch (ExpressLogsException e)
            {
                problem = e;
            }
            catch (ExecutionNotFailedException e)
            {
                problem = new ExpressLogsException(ExpressLogsException.RecordsIncomplete,
                    $"The log records of '{executionArn}' end without the failure Step Functions lists it with ({e.Message}).",
                    "Its records may still be arriving, or some expired: read the Map Run's children again later.", e)
                { LogGroupName = LogGroup };
            }

            return null;
        }

        private static string Text(DateTime? at) => at?.ToString("u", CultureInfo.InvariantCulture) ?? "its beginning";
    }
}
