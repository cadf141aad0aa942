using System;
using System.IO;

namespace SfnResume.Aws
{
    /// <summary>
    /// Tells an execution ARN from what users type instead (a saved history's path, a mistyped ARN, an
    /// execution's name), so the answer to a wrong value is a clear local error, never a request to AWS.
    /// </summary>
    public static class ExecutionReference
    {
        public static ExecutionReferenceKind Classify(string value)
        {
            if (value.StartsWith("arn:", StringComparison.Ordinal))
            {
                return ExecutionArns.IsValid(value) ? ExecutionReferenceKind.ExecutionArn : ExecutionReferenceKind.MalformedArn;
            }

            return value.IndexOfAny(new[] { '/', '\\' }) >= 0 || value.StartsWith("~", StringComparison.Ordinal) || Path.HasExtension(value)
                ? ExecutionReferenceKind.PathLike
                : ExecutionReferenceKind.Word;
        }
    }
}
