namespace SfnResume.Aws.Model
{
    /// <summary>The DescribeStateMachine request, as in the Step Functions API model.</summary>
    public sealed class DescribeStateMachineRequest
    {
        /// <summary>May be a version ARN.</summary>
        public string StateMachineArn { get; set; } = string.Empty;

        public string? IncludedData { get; set; }
    }
}
