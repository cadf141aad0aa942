namespace SfnResume.History
{
    /// <summary>What the failed run recorded for one Parallel branch or Map iteration.</summary>
    public enum BranchOutcome
    {
        /// <summary>It finished; its output is recorded and a precise resume replays it.</summary>
        Succeeded,

        /// <summary>The failure lies in it: a precise resume re-enters it at the failed state.</summary>
        Failed,

        /// <summary>It started and was stopped (aborted when a sibling failed) before it finished.</summary>
        NotFinished,

        /// <summary>It never started (a Map iteration waiting for a concurrency slot).</summary>
        NotStarted,
    }
}
