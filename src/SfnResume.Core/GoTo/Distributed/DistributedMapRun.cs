using System.Collections.Generic;

namespace SfnResume.GoTo.Distributed
{
    /// <summary>
    /// What a failed Distributed Map did, as the precise resume needs it: the Map state, the input it was
    /// entered with, its items, and every child execution the Map Run started. The drill-down fills it
    /// (DescribeMapRun, ListExecutions by mapRunArn, DescribeExecution and each unfinished child's history);
    /// tests fill it by hand.
    /// </summary>
    public sealed class DistributedMapRun
    {
        public DistributedMapRun(string mapState, string? mapInput, MapItemSource items, IReadOnlyList<MapRunChild> children)
        {
            MapState = mapState;
            MapInput = mapInput;
            Items = items;
            Children = children;
        }

        /// <summary>The top-level Map state (ProcessorConfig Mode DISTRIBUTED).</summary>
        public string MapState { get; }

        /// <summary>The JSON the Map state was entered with (MapStateEntered), before its InputPath; null when not recorded.</summary>
        public string? MapInput { get; }

        public MapItemSource Items { get; }

        public IReadOnlyList<MapRunChild> Children { get; }

        /// <summary>DescribeMapRun's itemCounts.total: a check that the items read now are the ones the run read.</summary>
        public long? RecordedItemCount { get; set; }

        /// <summary>
        /// For the Map Run of a resumed run (a GoTo copy's run over an item file that failed again): the file's
        /// entries, in order; <see cref="Items"/> holds their items. Null for an original's Map Run.
        /// </summary>
        public IReadOnlyList<ItemFileEntry>? ResumedEntries { get; set; }

        /// <summary>For messages: the Map Run's ARN.</summary>
        public string? MapRunArn { get; set; }
    }
}
