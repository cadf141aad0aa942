namespace SfnResume.Aws.Logs.Model
{
    /// <summary>What a Logs Insights query read: billed by <see cref="BytesScanned"/>.</summary>
    public sealed class QueryStatistics
    {
        public double RecordsMatched { get; set; }

        public double RecordsScanned { get; set; }

        public double BytesScanned { get; set; }
    }
}
