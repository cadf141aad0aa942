using System;
using SfnResume.Aws.Model;

namespace SfnResume.MapRuns
{
    /// <summary>One child execution of a Map Run as the drill-down read it: its failure point, or why it could not be read.</summary>
    public sealed class MapRunChild
    {
        public MapRunChild(ExecutionListItem listed, FailurePoint? point, Exception? error)
        {
            Listed = listed;
            Point = point;
            Error = error;
        }

        /// <summary>What ListExecutions said of it.</summary>
        public ExecutionListItem Listed { get; }

        /// <summary>Where it failed; null when <see cref="Error"/> says why it could not be read.</summary>
        public FailurePoint? Point { get; }

        public Exception? Error { get; }
    }
}
