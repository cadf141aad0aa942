namespace SfnResume.Aws.Logs.Model
{
    /// <summary>A log group, as DescribeLogGroups describes it.</summary>
    public sealed class LogGroup
    {
        public string? LogGroupName { get; set; }

        /// <summary>Epoch milliseconds.</summary>
        public long? CreationTime { get; set; }

        /// <summary>Days a record is kept; null: kept for ever.</summary>
        public int? RetentionInDays { get; set; }

        public string? Arn { get; set; }

        public long? StoredBytes { get; set; }
    }
}
