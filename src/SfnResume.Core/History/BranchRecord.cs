using System.Collections.Generic;
using SfnResume.Aws.Model;

namespace SfnResume.History
{
    /// <summary>One Parallel branch or Map iteration as the failed run left it.</summary>
    public sealed class BranchRecord
    {
        /// <summary>The branch's position (0-based) in <c>Branches</c>, or the iteration's item index.</summary>
        public int Index { get; set; }

        public BranchOutcome Outcome { get; set; }

        // Decoded when first read: a Map's thousands of outputs matter only to a GoTo copy that replays them.
        private LazyPayload output;

        /// <summary>For a branch that succeeded: its output (JSON text); null when the history has no execution data.</summary>
        public string? Output
        {
            get => output.Resolve();
            set => output = new LazyPayload(value);
        }

        /// <summary>Sets the output as the history holds it, decoded or not.</summary>
        internal void SetOutput(LazyPayload payload) => output = payload;

        /// <summary>Step Functions cut the recorded output short, so it cannot be replayed: the branch re-runs.</summary>
        public bool OutputTruncated { get; set; }

        /// <summary>
        /// For a branch that did not finish: the state inside it to resume at (the failed state, or the one a
        /// sibling's failure stopped), a direct child of the container; null to run the branch from its start.
        /// </summary>
        public string? ResumeState { get; set; }

        /// <summary>The JSON <see cref="ResumeState"/> was entered with.</summary>
        public string? ResumeInput { get; set; }

        /// <summary>Variables this branch's own scope had assigned when <see cref="ResumeState"/> was entered: name to JSON text.</summary>
        public IReadOnlyDictionary<string, string> Variables => ResumeState == null ? NoVariables : VariablesAt(ResumeState);

        /// <summary>The branch's own variables when it last entered <paramref name="state"/>; none when it never did.</summary>
        public IReadOnlyDictionary<string, string> VariablesAt(string state) =>
            VariablesAtEntry != null && VariablesAtEntry.TryGetValue(state, out var variables) ? variables : NoVariables;

        /// <summary>For each state the branch entered (the latest entry), the branch's variables at that moment.</summary>
        internal IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? VariablesAtEntry { get; set; }

        private static readonly IReadOnlyDictionary<string, string> NoVariables = new Dictionary<string, string>();

        /// <summary>When <see cref="ResumeState"/> is itself a Parallel or Map: what ran inside it.</summary>
        public ContainerRecord? Nested { get; set; }

        /// <summary>The output can stand in for the branch: it succeeded and its output was recorded whole.</summary>
        public bool CanReplay => Outcome == BranchOutcome.Succeeded && output.HasValue && !OutputTruncated;

        public override string ToString() => ResumeState == null ? $"{Index}: {Outcome}" : $"{Index}: {Outcome} at '{ResumeState}'";
    }
}
