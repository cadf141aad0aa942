namespace SfnResume.Aws.Logs.Model
{
    /// <summary>The DescribeLogGroups request, as in the CloudWatch Logs API model.</summary>
    public sealed class DescribeLogGroupsRequest
    {
        public string? LogGroupNamePrefix { get; set; }

        public string? NextToken { get; set; }

        public int? Limit { get; set; }
    }
}
