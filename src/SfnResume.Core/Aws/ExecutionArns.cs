using System.IO;
using System.Linq;

namespace SfnResume.Aws
{
    /// <summary>Reading parts of execution ARNs: <c>arn:partition:states:region:account:execution:stateMachine:name</c>.</summary>
    public static class ExecutionArns
    {
        /// <summary>The execution's name, the last ARN segment; the whole text when it is not an ARN.</summary>
        public static string NameOf(string executionArn)
        {
            var parts = executionArn.Split(':');
            return parts.Length >= 8 ? parts[parts.Length - 1] : executionArn;
        }

        /// <summary>A file name for the execution: its name with characters no file system accepts replaced.</summary>
        public static string FileNameFor(string executionArn)
        {
            var invalid = Path.GetInvalidFileNameChars().Concat(new[] { ':', '*', '?', '"', '<', '>', '|', '\\', '/' }).ToArray();
            var name = NameOf(executionArn);
            return new string(name.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
        }
    }
}
