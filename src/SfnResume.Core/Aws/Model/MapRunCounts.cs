namespace SfnResume.Aws.Model
{
    /// <summary>Item or child-execution counts of a Map Run.</summary>
    public sealed class MapRunCounts
    {
        public long Pending { get; set; }

        public long Running { get; set; }

        public long Succeeded { get; set; }

        public long Failed { get; set; }

        public long TimedOut { get; set; }

        public long Aborted { get; set; }

        public long Total { get; set; }

        public long ResultsWritten { get; set; }

        public long? FailuresNotRedrivable { get; set; }

        public long? PendingRedrive { get; set; }
    }
}
