using System;

namespace SfnResume.History
{
    /// <summary>An analysis went past the history pages read so far (<see cref="HistoryPages.ReadSoFar"/>); never leaves the locator.</summary>
    internal sealed class MorePagesNeededException : Exception
    {
        public MorePagesNeededException()
            : base("The analysis needs more of the history than was read.")
        {
        }
    }
}
