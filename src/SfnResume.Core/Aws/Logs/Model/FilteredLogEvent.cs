namespace SfnResume.Aws.Logs.Model
{
    /// <summary>One log event as FilterLogEvents returns it: a Step Functions record is its <see cref="Message"/>.</summary>
    public sealed class FilteredLogEvent
    {
        public string? LogStreamName { get; set; }

        /// <summary>Epoch milliseconds.</summary>
        public long? Timestamp { get; set; }

        public string? Message { get; set; }

        public long? IngestionTime { get; set; }

        public string? EventId { get; set; }
    }
}
