namespace SfnResume.GoTo.Distributed
{
    /// <summary>What a resume of a failed Distributed Map runs again, and what its result then holds.</summary>
    public sealed class DistributedResumePlan
    {
        public DistributedResumePlan(ReplayPlan replay, ItemFile? itemFile, string mapResult)
        {
            Replay = replay;
            ItemFile = itemFile;
            MapResult = mapResult;
        }

        /// <summary>Precise (its <see cref="ReplayPlan.ReplayJson"/> names the item file) or the whole state, with the reasons.</summary>
        public ReplayPlan Replay { get; }

        /// <summary>The file to write before the resumed run starts; null when the Map re-runs whole.</summary>
        public ItemFile? ItemFile { get; }

        /// <summary>Items whose child succeeded before: not run again.</summary>
        public int Skipped { get; internal set; }

        /// <summary>Failed, timed-out and aborted children resumed at the state they stopped in.</summary>
        public int ResumedAtState { get; internal set; }

        /// <summary>Items run from the item processor's start: never started, or stopped where nothing was recorded.</summary>
        public int FromStart { get; internal set; }

        /// <summary>What the Map state's result is after the resume, in words (README: Distributed Map).</summary>
        public string MapResult { get; }
    }
}
