namespace SfnResume.Aws.Model
{
    /// <summary>The DescribeExecution request, as in the Step Functions API model.</summary>
    public sealed class DescribeExecutionRequest
    {
        public string ExecutionArn { get; set; } = string.Empty;

        /// <summary>ALL_DATA (default) or METADATA_ONLY.</summary>
        public string? IncludedData { get; set; }
    }
}
