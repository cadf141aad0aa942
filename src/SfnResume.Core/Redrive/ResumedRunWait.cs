using System;

namespace SfnResume.Redrive
{
    /// <summary>How long to follow resumed runs, and how often to look at them.</summary>
    public sealed class ResumedRunWait
    {
        public ResumedRunWait(TimeSpan pollInterval, TimeSpan? timeout = null)
        {
            if (pollInterval <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(pollInterval), pollInterval, "Runs are looked at after a positive interval.");
            }

            PollInterval = pollInterval;
            Timeout = timeout;
        }

        /// <summary>The time between two looks at the runs still running.</summary>
        public TimeSpan PollInterval { get; }

        /// <summary>How long to follow them in all; null: as long as they take.</summary>
        public TimeSpan? Timeout { get; }
    }
}
