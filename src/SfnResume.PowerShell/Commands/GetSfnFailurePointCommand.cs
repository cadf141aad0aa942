using System;
using System.Collections.Generic;
using System.Management.Automation;
using SfnResume.History;
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

        /// <summary>Execution ARNs, or objects with an ExecutionArn property (Get-SFNExecutionList output).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ExecutionSet)]
        [Alias("Arn", "ExecutionId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ExecutionArnCompleter))]
        public string[] ExecutionArn { get; set; } = Array.Empty<string>();

        /// <summary>Saved histories (wildcards allowed).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Saved histories, taken exactly as typed; binds from Get-ChildItem output.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP", "FullName")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>The definition the saved execution ran, for branch names and fewer guesses.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        [ValidateNotNullOrEmpty]
        public string? DefinitionPath { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ExecutionSet)
            {
                foreach (var arn in ExecutionArn)
                {
                    // PowerShell binds a piped FileInfo here (as its path) before it tries -LiteralPath, so a
                    // value that is not an ARN but names a file is read as a saved history.
                    var file = arn.StartsWith("arn:", StringComparison.Ordinal) ? null : ProviderPaths.ExistingFile(SessionState, arn);
                    if (file != null)
                    {
                        Run(file, () => locator.LocateInFile(file, null));
                    }
                    else
                    {
                        Run(arn, () => FromAws(arn));
                    }
                }

                return;
            }

            List<string> files;
            string? definition;
            try
            {
                definition = DefinitionPath == null ? null : ProviderPaths.Files(SessionState, new[] { DefinitionPath }, literal: false)[0];
                files = ProviderPaths.Files(SessionState, ParameterSetName == PathSet ? Path : LiteralPath, ParameterSetName == LiteralPathSet);
            }
            catch (ItemNotFoundException e)
            {
                WriteError(new ErrorRecord(e, "PathNotFound", ErrorCategory.ObjectNotFound, e.Data["Path"]));
                return;
            }

            foreach (var file in files)
            {
                Run(file, () => locator.LocateInFile(file, definition));
            }
        }

        private FailurePoint FromAws(string arn)
        {
            var client = GetClient();
            var progress = new ProgressRecord(2, "Get-SfnFailurePoint", $"Reading the history of {arn}");
            var point = locator.Locate(client, arn, (pages, events) =>
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

        private void Run(object target, Func<FailurePoint> locate)
        {
            try
            {
                var point = locate();
                foreach (var note in point.Notes)
                {
                    WriteVerbose($"{point.ExecutionName}: {note}");
                }

                WriteObject(point);
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception e) when (FailurePointErrors.For(e, target, DefinitionPath) is ErrorRecord record)
            {
                WriteError(record);
            }
            catch (Exception e) when (ErrorRecords.IsExpected(e))
            {
                WriteAwsError(e, target);
            }
        }
    }
}
