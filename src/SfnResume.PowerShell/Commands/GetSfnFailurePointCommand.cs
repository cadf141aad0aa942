using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SfnResume.Aws;
using SfnResume.Definitions;
using SfnResume.History;
using SfnResume.MapRuns;
using SfnResume.PowerShell.Completers;
using SfnResume.PowerShell.Internal;

namespace SfnResume.PowerShell.Commands
{
    /// <summary>
    /// Where a failed execution stopped, what the failed state was given, and the top-level state to resume
    /// at, read from AWS or from a saved history.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SfnFailurePoint", DefaultParameterSetName = ExecutionSet, HelpUri = HelpLinks.GetSfnFailurePoint)]
    [OutputType(typeof(FailurePoint))]
    public sealed class GetSfnFailurePointCommand : SfnAwsCmdlet
    {
        private const string ExecutionSet = "ExecutionArn";
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private readonly FailurePointLocator locator = new FailurePointLocator();
        private readonly Express.ExpressFailurePointLocator expressLocator = new Express.ExpressFailurePointLocator();

        /// <summary>Execution ARNs, or objects with an ExecutionArn property (Get-SFNExecutionList output).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ExecutionSet)]
        [Alias("Arn", "ExecutionId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ExecutionArnCompleter))]
        public string[] ExecutionArn { get; set; } = Array.Empty<string>();

        /// <summary>Saved histories, or saved CloudWatch Logs records of Express executions (wildcards allowed).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Saved histories, taken exactly as typed; binds from Get-ChildItem output.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP", "FullName")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>
        /// The definition the execution ran, for branch names and fewer guesses. For an execution ARN it replaces
        /// the one Step Functions would be asked for (DescribeStateMachineForExecution).
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DefinitionPath { get; set; }

        /// <summary>
        /// For an execution that failed in a Distributed Map: instead of its own failure point, one for each failed,
        /// timed-out and aborted child execution of the Map Run, each naming its parent and run, for Group-Object.
        /// </summary>
        [Parameter]
        public SwitchParameter MapRunChildren { get; set; }

        /// <summary>
        /// When the execution stopped, bound from what Find-SfnExpressExecution and Get-SFNExecutionList write: an
        /// Express execution's log records are looked for in the minutes before it, not through the whole log group.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ExecutionSet)]
        public DateTime? StopDate { get; set; }

        private TransientRetry Retry { get; } = new TransientRetry();

        protected override void ProcessRecord()
        {
            string? definitionFile = null;
            if (DefinitionPath != null)
            {
                definitionFile = ProviderPaths.Single(SessionState, DefinitionPath, "-DefinitionPath", literalPath: false, out var notOne);
                if (definitionFile == null)
                {
                    WriteError(notOne!);
                    return;
                }

                if (Directory.Exists(definitionFile))
                {
                    WriteError(FolderError(definitionFile, "-DefinitionPath"));
                    return;
                }
            }

            // Read once for every item of the record: a definition that cannot be read is one error, naming it.
            StateMachineDefinition? definition = null;
            if (definitionFile != null)
            {
                var read = false;
                RunItem(new ItemScope(definitionFile, ItemStep.ReadingFile, definitionFile) { DefinitionFile = definitionFile }, () =>
                {
                    definition = StateMachineDefinition.Parse(File.ReadAllText(definitionFile));
                    read = true;
                });
                if (!read)
                {
                    return;
                }
            }

            if (ParameterSetName == ExecutionSet)
            {
                foreach (var value in ExecutionArn)
                {
                    Locate(value, definition, definitionFile);
                }

                return;
            }

            // Each path that names nothing is its error, in order among the answers, and the others go on.
            var files = ProviderPaths.Files(SessionState, ParameterSetName == PathSet ? Path : LiteralPath, ParameterSetName == LiteralPathSet, WriteError);
            FromFiles(files, ParameterSetName == PathSet ? "-Path" : "-LiteralPath", definition, definitionFile);
        }

        private void FromFiles(IEnumerable<string> files, string parameter, StateMachineDefinition? definition, string? definitionFile)
        {
            foreach (var file in files)
            {
                if (Directory.Exists(file))
                {
                    WriteError(FolderError(file, parameter));
                    continue;
                }

                FromFile(file, definition, definitionFile);
            }
        }

        /// <summary>
        /// One -ExecutionArn value: an execution ARN, or (PowerShell binds a piped FileInfo here, as its path,
        /// before it tries -LiteralPath) a saved history file. Anything else is refused here, without a request.
        /// </summary>
        private void Locate(string value, StateMachineDefinition? definition, string? definitionFile)
        {
            var kind = ExecutionReference.Classify(value);
            if (kind == ExecutionReferenceKind.ExecutionArn)
            {
                var item = new ItemScope(value, ItemStep.CallingAws) { DefinitionFile = definitionFile };
                RunItem(item, () => Emit(FromAws(value, definition), item));
            }
            else if (kind != ExecutionReferenceKind.MalformedArn && ProviderPaths.ExistingFile(SessionState, value) is string file)
            {
                FromFile(file, definition, definitionFile);
            }
            else if (kind != ExecutionReferenceKind.MalformedArn && ProviderPaths.ExistingFolder(SessionState, value) is string folder)
            {
                WriteError(FolderError(folder, "-ExecutionArn"));
            }
            else if (kind != ExecutionReferenceKind.MalformedArn && ProviderPaths.IsPattern(value))
            {
                // Get-SfnFailurePoint ./histories/*.json: the pattern binds here, by position, as -Path would take it.
                FromFiles(ProviderPaths.Files(SessionState, new[] { value }, literal: false, WriteError), "-Path", definition, definitionFile);
            }
            else
            {
                WriteError(ErrorRecords.NotAnExecution(value, kind));
            }
        }

        /// <summary>A saved history: read while it is analysed, so an I/O error at any point is the file's.</summary>
        private void FromFile(string file, StateMachineDefinition? definition, string? definitionFile)
        {
            var item = new ItemScope(file, ItemStep.ReadingFile, file) { HistoryFile = file, DefinitionFile = definitionFile };
            RunItem(item, () =>
            {
                if (Express.LogRecordFile.Holds(file))
                {
                    if (MapRunChildren)
                    {
                        // Said, not ignored: the switch was asked for and gives nothing here.
                        WriteWarning($"-MapRunChildren does not apply to '{file}': it holds log records of Express executions, which run no Distributed Map. Their own failure points are written instead.");
                    }

                    // Saved log records of Express executions: one answer per failed execution in the file.
                    foreach (var point in expressLocator.LocateInFile(file, definition, WriteNote, CancellationToken))
                    {
                        Write(point);
                    }

                    return;
                }

                Emit(locator.LocateInFileWith(file, definition, CancellationToken), item);
            });
        }

        private static ErrorRecord FolderError(string folder, string parameter) => ErrorRecords.PathIsFolder(folder, parameter,
            $"Pass the files in it, e.g. Get-ChildItem '{folder}' -Filter *.json | Get-SfnFailurePoint.");

        private FailurePoint FromAws(string arn, StateMachineDefinition? definition)
        {
            var client = GetClient(arn);
            if (ExecutionArns.IsExpress(arn))
            {
                // A stop date belongs to one execution: to the one piped in with it, not to a list typed after -ExecutionArn.
                return expressLocator.Locate(client, GetLogsClient(arn), arn, definition, CancellationToken, ExecutionArn.Length == 1 ? StopDate : null);
            }

            var progress = new ProgressRecord(2, "Get-SfnFailurePoint", $"Reading the history of {arn}");
            var point = locator.Locate(client, arn, definition, (pages, events) =>
            {
                // One page usually answers; say so only when more are needed.
                if (pages > 1)
                {
                    progress.StatusDescription = $"{events} events read, newest first";
                    WriteProgress(progress);
                }
            }, CancellationToken);
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            return point;
        }

        /// <summary>
        /// The failure point, or with -MapRunChildren its Map Run's unsuccessful children. A point read from AWS
        /// shows its Map Run's counts (DescribeMapRun); one read from a file makes no call unless children are asked for.
        /// </summary>
        private void Emit(FailurePoint point, ItemScope item)
        {
            if (!MapRunChildren)
            {
                if (point.MapRun != null && point.Source == "AWS")
                {
                    Describe(point);
                }

                Write(point);
                return;
            }

            if (point.MapRun == null)
            {
                WriteError(ErrorRecords.Create("NotInDistributedMap", ErrorCategory.InvalidOperation, point.ExecutionArn ?? point.Source,
                    $"'{point}' did not fail in a Distributed Map (it failed in '{point.FailedState}'), so it has no Map Run children to read.",
                    "Run Get-SfnFailurePoint without -MapRunChildren to see where it failed."));
                return;
            }

            if (point.Source != "AWS")
            {
                WriteNote($"The children of {point.MapRun.MapRunArn} are read from AWS: the saved history holds the parent's events only.");
            }

            DrillDown(point, item);
        }

        /// <summary>DescribeMapRun for the run's counts; when it cannot be read, the point says so and the rest stands.</summary>
        private void Describe(FailurePoint point)
        {
            var run = point.MapRun!;
            try
            {
                new MapRunReader(GetClient(run.MapRunArn), Retry).DescribeAsync(run, CancellationToken).GetAwaiter().GetResult();
            }
            catch (StepFunctionsException e) when (!TransientRetry.IsThrottling(e))
            {
                var note = $"The Map Run could not be described ({e.ErrorCode}: {e.Message}); its counts are unknown.";
                point.Notes = new List<string>(point.Notes) { note };
                WriteWarning($"{point.ExecutionName}: {note}");
            }
        }

        /// <summary>The Map Run's failed, timed-out and aborted children, written as they are read, with progress.</summary>
        private void DrillDown(FailurePoint parent, ItemScope item)
        {
            var run = parent.MapRun!;
            item.Target = run.MapRunArn;
            // Express children are read from the log group the parent logs to, through the same connection.
            var logs = GetLogsClient(run.MapRunArn);
            var reader = new MapRunReader(GetClient(run.MapRunArn), Retry, logs: () => logs)
            {
                ExpressScanned = records =>
                {
                    if (records.Problem == null)
                    {
                        WriteNote($"{parent.ExecutionName}: the Express children's records read from '{records.LogGroup}' in {records.Pages:N0} FilterLogEvents page{(records.Pages == 1 ? string.Empty : "s")}.");
                    }
                },
            };
            if (!run.Described)
            {
                // Without the counts every unsuccessful status is listed, and progress counts without a total.
                Describe(parent);
            }

            WriteNote($"{parent.ExecutionName}: Map Run '{run.Label}': {run}");
            var total = run.UnsuccessfulExecutions;
            var activity = $"Reading the failed children of Map Run '{run.Label}'";
            var read = 0;
            var definitionMissed = false;
            var logsProblems = new HashSet<string>(StringComparer.Ordinal);
            foreach (var child in reader.Children(run, CancellationToken))
            {
                // A record per step: a host that keeps the records (a job, a test) sees each as it was.
                read++;
                var progress = new ProgressRecord(3, activity, total.HasValue ? $"{read:N0} of {total.Value:N0} children read" : $"{read:N0} children read");
                if (total > 0)
                {
                    progress.PercentComplete = (int)Math.Min(100, read * 100 / total.Value);
                }

                WriteProgress(progress);
                if (child.Point != null)
                {
                    if (!definitionMissed && child.Point.Notes.Any(n => n.StartsWith(MapRunReader.DefinitionNotReadNote, StringComparison.Ordinal)))
                    {
                        // Said once for the run, not once per child: each child's Notes has the detail.
                        definitionMissed = true;
                        WriteWarning($"{parent.ExecutionName}: {MapRunReader.DefinitionNotReadNote}, so the children's failed states are located from their histories alone, without state paths; states:DescribeStateMachineForExecution on the children brings them back.");
                    }

                    if (child.Point.LogsProblem != null && logsProblems.Add(child.Point.LogsProblem))
                    {
                        // Once for each reason, not once per child: each child's Notes and LogsProblem have it.
                        WriteWarning($"{parent.ExecutionName}: Express children without a failure point from CloudWatch Logs ({child.Point.LogsProblem}), first {child.Point.ExecutionName}: "
                            + "their failed state is unknown and their input comes from DescribeExecution; see each one's Notes, and Group-Object LogsProblem for how many.");
                    }

                    Write(child.Point);
                }
                else
                {
                    WriteItemError(child.Error!, new ItemScope(child.Listed.ExecutionArn, ItemStep.CallingAws));
                }
            }

            WriteProgress(new ProgressRecord(3, activity, $"{read:N0} children read") { RecordType = ProgressRecordType.Completed });
        }

        private void Write(FailurePoint point)
        {
            foreach (var note in point.Notes)
            {
                WriteNote($"{point.ExecutionName}: {note}");
            }

            WriteObject(point);
        }
    }
}
