using System;
using System.Collections.Generic;
using System.Linq;

namespace SfnResume.History
{
    /// <summary>
    /// A Parallel or Map state on the way to a failure, as the failed run recorded it: every branch or
    /// iteration with its outcome, and the one the failure lies in.
    /// </summary>
    public sealed class ContainerRecord
    {
        public string StateName { get; set; } = string.Empty;

        /// <summary>Parallel or Map.</summary>
        public string Type { get; set; } = string.Empty;

        /// <summary>The JSON the state was entered with.</summary>
        public string? Input { get; set; }

        /// <summary>Branches in the definition, or items the Map started with.</summary>
        public int Count { get; set; }

        /// <summary>Every branch or iteration, by index; iterations that never started are included as <see cref="BranchOutcome.NotStarted"/>.</summary>
        public IReadOnlyList<BranchRecord> Branches
        {
            get => branches;
            set => branches = RecordList<BranchRecord>.Of(value);
        }

        private IReadOnlyList<BranchRecord> branches = RecordList<BranchRecord>.Empty;

        /// <summary>The branch or iteration on the way to the failure; null when this container is off that way (a sibling stopped inside it).</summary>
        public int? FailedIndex { get; set; }

        public bool IsMap => Type == "Map";

        /// <summary>How many branches or iterations finished with a recorded output that can be replayed.</summary>
        public int ReplayableCount => Branches.Count(b => b.CanReplay);

        /// <summary>"'Process items': 4,997 of 5,000 iterations succeeded" or "'Parallel 2': branch 2 of 3 failed".</summary>
        public string Summary
        {
            get
            {
                var succeeded = Branches.Count(b => b.Outcome == BranchOutcome.Succeeded);
                if (IsMap)
                {
                    var failed = Branches.Count(b => b.Outcome == BranchOutcome.Failed);
                    var failedAt = failed > 1 ? $", {failed:N0} failed" : FailedIndex == null ? string.Empty : $", iteration {FailedIndex} failed";
                    return $"'{StateName}': {succeeded:N0} of {Count:N0} iterations succeeded{failedAt}";
                }

                return FailedIndex == null
                    ? $"'{StateName}': {succeeded} of {Count} branches succeeded"
                    : $"'{StateName}': branch {FailedIndex + 1} of {Count} failed";
            }
        }

        public override string ToString() => Summary;
    }
}
