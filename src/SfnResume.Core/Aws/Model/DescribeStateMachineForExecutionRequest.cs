namespace SfnResume.Aws.Model
{
    /// <summary>The DescribeStateMachineForExecution request, as in the Step Functions API model.</summary>
    public sealed class DescribeStateMachineForExecutionRequest
    {
        public string ExecutionArn { get; set; } = string.Empty;

        public string? IncludedData { get; set; }
    }
}
