using System.Collections.Generic;

namespace SfnResume.Aws.Logs.Model
{
    /// <summary>The DescribeLogGroups response.</summary>
    public sealed class DescribeLogGroupsResponse
    {
        public List<LogGroup> LogGroups { get; set; } = new List<LogGroup>();

        public string? NextToken { get; set; }
    }
}
