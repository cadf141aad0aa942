using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SfnResume.Aws;

namespace SfnResume.PowerShell.Internal
{
    /// <summary>
    /// The errors a cmdlet writes about a value before any work, with a stable ErrorId; what goes wrong while an
    /// item is worked on is <see cref="ErrorPolicy"/>'s.
    /// </summary>
    internal static class ErrorRecords
    {
        private const string ArnExample = "Pass ARNs like arn:aws:states:us-east-1:123456789012:execution:MyMachine:run-1, or pipe Get-SFNExecutionList.";

        /// <summary>A value that should be an execution ARN and is not: refused before any request.</summary>
        public static ErrorRecord InvalidExecutionArn(string value) => Create("InvalidExecutionArn", ErrorCategory.InvalidArgument, value,
            $"'{value}' is not an execution ARN.", ArnExample);

        /// <summary>A value given as an execution that is no execution ARN and names no file.</summary>
        public static ErrorRecord NotAnExecution(string value, ExecutionReferenceKind kind)
        {
            return kind switch
            {
                ExecutionReferenceKind.PathLike => Create("PathNotFound", ErrorCategory.ObjectNotFound, value,
                    $"Cannot find the file '{value}', and it is not an execution ARN either.", "Check the path; Get-ChildItem lists the saved histories."),
                ExecutionReferenceKind.Word => Create("InvalidExecutionArn", ErrorCategory.InvalidArgument, value,
                    $"'{value}' is neither an execution ARN nor an existing file.", ArnExample + " Or pass the path of a saved history."),
                _ => InvalidExecutionArn(value),
            };
        }

        /// <summary>A path that names nothing, refused before anything is read.</summary>
        public static ErrorRecord PathNotFound(string path, string parameter) => Create("PathNotFound", ErrorCategory.ObjectNotFound, path,
            $"Cannot find the file '{path}' ({parameter}).", "Check the path; Get-ChildItem lists what is there.");

        /// <summary>A path taken literally that names nothing.</summary>
        public static ErrorRecord PathNotFound(string path) => Create("PathNotFound", ErrorCategory.ObjectNotFound, path,
            $"Cannot find the file '{path}'.", "Check the path; Get-ChildItem lists what is there.");

        /// <summary>
        /// A pattern that matches nothing. PowerShell's provider returns no paths and says nothing; like
        /// Get-Content, this says so, with the pattern as the target.
        /// </summary>
        /// <param name="pattern">The path as given, wildcards and all: the error's target.</param>
        /// <param name="parameter">The parameter the pattern was given as, when the message should name it.</param>
        /// <param name="literalPath">Whether the cmdlet has -LiteralPath, for a name that holds wildcard characters.</param>
        public static ErrorRecord NoMatch(string pattern, string? parameter, bool literalPath) => Create("PathNotFound", ErrorCategory.ObjectNotFound, pattern,
            $"No file matches '{pattern}'{(parameter == null ? string.Empty : $" ({parameter})")}.",
            "Check the pattern; Get-ChildItem lists what is there." + (literalPath ? " For a name that holds wildcard characters ([ ] * ?), use -LiteralPath." : string.Empty));

        /// <summary>A pattern that matches several files where one belongs.</summary>
        public static ErrorRecord SeveralMatches(string pattern, string parameter, IReadOnlyList<string> matches) => Create("AmbiguousPath", ErrorCategory.InvalidArgument, pattern,
            $"{parameter} '{pattern}' matches {matches.Count} files and takes one: {string.Join(", ", matches.Take(5).Select(m => $"'{m}'"))}{(matches.Count > 5 ? ", ..." : string.Empty)}.",
            $"Name one file as {parameter}.");

        /// <summary>A path (wildcards allowed) that names nothing, as PowerShell's provider said.</summary>
        public static ErrorRecord PathNotFound(ItemNotFoundException exception, object? path) => new ErrorRecord(exception, "PathNotFound", ErrorCategory.ObjectNotFound, path)
        {
            ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = "Check the path; Get-ChildItem lists what is there." },
        };

        /// <summary>A folder given where a file belongs.</summary>
        public static ErrorRecord PathIsFolder(string folder, string parameter, string recommendedAction) => Create("PathIsFolder", ErrorCategory.InvalidArgument, folder,
            $"{parameter} '{folder}' is a folder, not a file.", recommendedAction);

        public static ErrorRecord Create(string errorId, ErrorCategory category, object? target, string message, string? recommendedAction = null)
        {
            return new ErrorRecord(new InvalidOperationException(message), errorId, category, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction },
            };
        }
    }
}
