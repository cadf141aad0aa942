using System;
using System.Management.Automation;
using SfnResume.Definitions;
using SfnResume.History;

namespace SfnResume.PowerShell.Internal
{
    /// <summary>
    /// The error records for what can go wrong locating one failure point, each with its stable id and a
    /// suggestion; anything else is an AWS or connection error (<see cref="ErrorRecords.FromException"/>).
    /// </summary>
    internal static class FailurePointErrors
    {
        /// <returns>The record, or null when the exception is not one of the failure-point errors.</returns>
        /// <remarks>With fromFile (a saved history) an I/O error is a file that could not be read.</remarks>
        public static ErrorRecord? For(Exception exception, object target, string? definitionPath, bool fromFile)
        {
            switch (exception)
            {
                case ExecutionNotFailedException e:
                    return ErrorRecords.Create("ExecutionNotFailed", ErrorCategory.InvalidOperation, target, e.Message,
                        e.Status == "RUNNING" ? "Wait for the execution to end, or stop it with Stop-SFNExecution." : "Pick a failed, timed-out or aborted execution, e.g. Get-SFNExecutionList -StatusFilter FAILED.");
                case ExpressExecutionException e:
                    return ErrorRecords.Create("ExpressExecutionNotSupported", ErrorCategory.InvalidOperation, target, e.Message);
                case HistoryFormatException e:
                    return ErrorRecords.Create("InvalidHistoryFile", ErrorCategory.InvalidData, target, $"{target}: {e.Message}",
                        "Save a history with Save-SfnExecutionHistory or 'aws stepfunctions get-execution-history --execution-arn <arn> > file.json'.");
                case DefinitionFormatException e:
                    return ErrorRecords.Create("InvalidDefinitionFile", ErrorCategory.InvalidData, definitionPath, $"{definitionPath}: {e.Message}");
                case System.IO.IOException _ when fromFile:
                case UnauthorizedAccessException _ when fromFile:
                    return ErrorRecords.FileReadFailed(exception, target);
                default:
                    return null;
            }
        }
    }
}
