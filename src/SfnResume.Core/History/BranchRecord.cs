namespace SfnResume.History
{
    /// <summary>One Parallel branch or Map iteration as the failed run left it.</summary>
    public sealed class BranchRecord
    {
        /// <summary>The branch's position (0-based) in <c>Branches</c>, or the iteration's item index.</summary>
        public int Index { get; set; }

        public BranchOutcome Outcome { get; set; }

        /// <summary>For a branch that succeeded: its output (JSON text); null when the history has no execution data.</summary>
        public string? Output { get; set; }

        /// <summary>Step Functions cut the recorded output short, so it cannot be replayed: the branch re-runs.</summary>
        public bool OutputTruncated { get; set; }

        /// <summary>
        /// For a branch that did not finish: the state inside it to resume at (the failed state, or the one a
        /// sibling's failure stopped), a direct child of the container; null to run the branch from its start.
        /// </summary>
        public string? ResumeState { get; set; }

        /// <summary>The JSON <see cref="ResumeState"/> was entered with.</summary>
        public string? ResumeInput { get; set; }

        /// <summary>When <see cref="ResumeState"/> is itself a Parallel or Map: what ran inside it.</summary>
        public ContainerRecord? Nested { get; set; }

        /// <summary>The output can stand in for the branch: it succeeded and its output was recorded whole.</summary>
        public bool CanReplay => Outcome == BranchOutcome.Succeeded && Output != null && !OutputTruncated;

        public override string ToString() => ResumeState == null ? $"{Index}: {Outcome}" : $"{Index}: {Outcome} at '{ResumeState}'";
    }
}
