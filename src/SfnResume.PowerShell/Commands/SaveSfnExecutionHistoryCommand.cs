using System;
using System.IO;
using System.Management.Automation;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.History;
using SfnResume.PowerShell.Completers;
using SfnResume.PowerShell.Internal;

namespace SfnResume.PowerShell.Commands
{
    /// <summary>
    /// Saves an execution's whole history to a JSON file in the GetExecutionHistory response format, for
    /// offline analysis, for attaching to an incident, or before the 90-day retention ends.
    /// </summary>
    [Cmdlet(VerbsData.Save, "SfnExecutionHistory", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, HelpUri = HelpLinks.SaveSfnExecutionHistory)]
    [OutputType(typeof(SavedExecutionHistory))]
    public sealed class SaveSfnExecutionHistoryCommand : SfnAwsCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>The execution to save: an ARN, or any object with an ExecutionArn property.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Arn", "ExecutionId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ExecutionArnCompleter))]
        public string ExecutionArn { get; set; } = string.Empty;

        /// <summary>The file to write, or an existing folder to write &lt;execution name&gt;.json into.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Like -Path, but taken exactly as typed: no wildcard characters are interpreted.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string LiteralPath { get; set; } = string.Empty;

        /// <summary>Leave out inputs and outputs (smaller files, no payload data on disk).</summary>
        [Parameter]
        public SwitchParameter ExcludeExecutionData { get; set; }

        /// <summary>Do not overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        protected override void ProcessRecord()
        {
            if (!ExecutionArns.IsValid(ExecutionArn))
            {
                WriteError(ErrorRecords.InvalidExecutionArn(ExecutionArn));
                return;
            }

            string destination;
            try
            {
                if (ParameterSetName == PathSet && ProviderPaths.IsPattern(Path) && ProviderPaths.Single(SessionState, Path, "-Path", literalPath: true, out var notOne) == null)
                {
                    // A pattern names an existing file or folder; one that matches nothing is no new file's name.
                    WriteError(notOne!);
                    return;
                }

                destination = ResolveDestination();
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is ItemNotFoundException || e is PathTooLongException)
            {
                var path = ParameterSetName == PathSet ? Path : LiteralPath;
                WriteError(new ErrorRecord(e, "InvalidPath", ErrorCategory.InvalidArgument, path)
                {
                    ErrorDetails = new ErrorDetails($"'{path}' is no file system path: {e.Message}")
                    {
                        RecommendedAction = "Pass a file or folder on a file system drive; -LiteralPath takes a name with wildcard characters as it is.",
                    },
                });
                return;
            }

            if (NoClobber && File.Exists(destination))
            {
                WriteError(ErrorRecords.Create("FileExists", ErrorCategory.ResourceExists, destination,
                    $"The file '{destination}' already exists.", "Remove -NoClobber to overwrite it, or choose another path."));
                return;
            }

            if (!ShouldProcess(destination, $"Save the history of {ExecutionArn}"))
            {
                return;
            }

            var partial = destination + ".partial";
            var item = new ItemScope(ExecutionArn, ItemStep.CallingAws);
            RunItem(item, () =>
            {
                try
                {
                    Save(item, destination, partial);
                }
                catch
                {
                    TryDelete(partial);
                    throw;
                }
            });
        }

        /// <summary>
        /// Pages from Step Functions into a .partial file, then the file moved into place: each step says what it
        /// does, so that an I/O error is told apart as the network, the file written, or the file replaced.
        /// </summary>
        private void Save(ItemScope item, string destination, string partial)
        {
            var client = GetClient(ExecutionArn);
            var request = new GetExecutionHistoryRequest
            {
                ExecutionArn = ExecutionArn,
                MaxResults = StepFunctionsPaging.MaxHistoryPageSize,
                IncludeExecutionData = !ExcludeExecutionData,
            };
            var progress = new ProgressRecord(1, "Save-SfnExecutionHistory", $"Reading {ExecutionArn}");
            long saved;
            using (var file = item.Within(ItemStep.WritingFile, destination, () => new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None)))
            using (var writer = new HistoryFileWriter(file))
            {
                using var pages = BlockingEnumerable.Of(client.GetExecutionHistoryPagesAsync(request, CancellationToken), CancellationToken).GetEnumerator();
                while (pages.MoveNext())
                {
                    item.Within(ItemStep.WritingFile, destination, () => writer.Write(pages.Current.Events));
                    progress.StatusDescription = $"{writer.EventsWritten} events read";
                    WriteProgress(progress);
                }

                item.MoveTo(ItemStep.WritingFile, destination);
                writer.Complete();
                saved = writer.EventsWritten;
            }

            if (File.Exists(destination))
            {
                File.Delete(destination);
            }

            File.Move(partial, destination);
            WriteNote($"Wrote {saved} events to {destination}.");
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            WriteObject(new SavedExecutionHistory
            {
                FullName = destination,
                Events = saved,
                Length = new FileInfo(destination).Length,
                Execution = ExecutionArn,
                IncludesExecutionData = !ExcludeExecutionData,
            });
        }

        private string ResolveDestination()
        {
            var path = ParameterSetName == PathSet
                ? ProviderPaths.Single(SessionState, Path, "-Path", literalPath: true, out _) ?? SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path)
                : SessionState.Path.GetUnresolvedProviderPathFromPSPath(LiteralPath);
            return Directory.Exists(path) ? System.IO.Path.Combine(path, ExecutionArns.FileNameFor(ExecutionArn) + ".json") : path;
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Best effort: a leftover .partial file is harmless and says what happened.
            }
        }
    }
}
