using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using SfnResume.Aws;
using SfnResume.Definitions;
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

        /// <summary>
        /// The definition the execution ran, for branch names and fewer guesses. For an execution ARN it replaces
        /// the one Step Functions would be asked for (DescribeStateMachineForExecution).
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DefinitionPath { get; set; }

        protected override void ProcessRecord()
        {
            string? definition;
            try
            {
                definition = DefinitionPath == null ? null : ProviderPaths.Files(SessionState, new[] { DefinitionPath }, literal: false)[0];
            }
            catch (ItemNotFoundException e)
            {
                WriteError(new ErrorRecord(e, "PathNotFound", ErrorCategory.ObjectNotFound, e.Data["Path"]));
                return;
            }

            if (definition != null && Directory.Exists(definition))
            {
                WriteError(FolderError(definition, "-DefinitionPath"));
                return;
            }

            if (ParameterSetName == ExecutionSet)
            {
                foreach (var value in ExecutionArn)
                {
                    Locate(value, definition);
                }

                return;
            }

            List<string> files;
            try
            {
                files = ProviderPaths.Files(SessionState, ParameterSetName == PathSet ? Path : LiteralPath, ParameterSetName == LiteralPathSet);
            }
            catch (ItemNotFoundException e)
            {
                WriteError(new ErrorRecord(e, "PathNotFound", ErrorCategory.ObjectNotFound, e.Data["Path"]));
                return;
            }

            foreach (var file in files)
            {
                if (Directory.Exists(file))
                {
                    WriteError(FolderError(file, "-Path"));
                    continue;
                }

                Run(file, fromFile: true, () => locator.LocateInFile(file, definition, CancellationToken));
            }
        }

        /// <summary>
        /// One -ExecutionArn value: an execution ARN, or (PowerShell binds a piped FileInfo here, as its path,
        /// before it tries -LiteralPath) a saved history file. Anything else is refused here, without a request.
        /// </summary>
        private void Locate(string value, string? definition)
        {
            var kind = ExecutionReference.Classify(value);
            if (kind == ExecutionReferenceKind.ExecutionArn)
            {
                Run(value, fromFile: false, () => FromAws(value, definition));
            }
            else if (kind != ExecutionReferenceKind.MalformedArn && ProviderPaths.ExistingFile(SessionState, value) is string file)
            {
                Run(file, fromFile: true, () => locator.LocateInFile(file, definition, CancellationToken));
            }
            else if (kind != ExecutionReferenceKind.MalformedArn && ProviderPaths.ExistingFolder(SessionState, value) is string folder)
            {
                WriteError(FolderError(folder, "-ExecutionArn"));
            }
            else
            {
                WriteError(ErrorRecords.NotAnExecution(value, kind));
            }
        }

        private static ErrorRecord FolderError(string folder, string parameter) => ErrorRecords.Create("PathIsFolder", ErrorCategory.InvalidArgument, folder,
            $"{parameter} '{folder}' is a folder, not a file.", $"Pass the files in it, e.g. Get-ChildItem '{folder}' -Filter *.json | Get-SfnFailurePoint.");

        private FailurePoint FromAws(string arn, string? definitionPath)
        {
            var definition = definitionPath == null ? null : StateMachineDefinition.Parse(File.ReadAllText(definitionPath));
            var client = GetClient(arn);
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

        private void Run(object target, bool fromFile, Func<FailurePoint> locate)
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
            catch (Exception e) when (FailurePointErrors.For(e, target, DefinitionPath, fromFile) is ErrorRecord record)
            {
                WriteError(record);
            }
            catch (Exception e) when (ErrorRecords.IsExpected(e))
            {
                WriteAwsError(e, target);
            }
            catch (Exception e) when (!ErrorRecords.IsFatal(e))
            {
                WriteError(ErrorRecords.Internal(e, target));
            }
        }
    }
}
