namespace SfnResume.Aws.Model
{
    /// <summary>The DescribeMapRun request, as in the Step Functions API model.</summary>
    public sealed class DescribeMapRunRequest
    {
        public string MapRunArn { get; set; } = string.Empty;
    }
}
