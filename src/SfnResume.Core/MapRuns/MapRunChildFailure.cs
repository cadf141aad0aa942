using System;
using SfnResume.Aws.Model;

namespace SfnResume.MapRuns
{
    /// <summary>
    /// One failed, timed-out or aborted child execution of a Map Run as the drill-down read it: its failure point,
    /// or why it could not be read. (The precise resume's view of a child, succeeded ones too, is
    /// <see cref="GoTo.Distributed.MapRunChild"/>.)
    /// </summary>
    public sealed class MapRunChildFailure
    {
        public MapRunChildFailure(ExecutionListItem listed, FailurePoint? point, Exception? error)
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
