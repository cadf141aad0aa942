using System;
using SfnResume.Aws.Model;

namespace SfnResume.MapRuns
{
    /// <summary>A succeeded or unfinished child execution of a Map Run with its own input (DescribeExecution), or why that could not be read.</summary>
    public sealed class MapRunChildInput
    {
        public MapRunChildInput(ExecutionListItem listed, string? input, Exception? error)
        {
            Listed = listed;
            Input = input;
            Error = error;
        }

        /// <summary>What ListExecutions said of it: its status among them.</summary>
        public ExecutionListItem Listed { get; }

        /// <summary>The child's input (its item, as its ItemSelector made it); null when <see cref="Error"/> says why it was not read.</summary>
        public string? Input { get; }

        public Exception? Error { get; }
    }
}
