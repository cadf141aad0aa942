namespace SfnResume.Aws.Model
{
    /// <summary>The GetExecutionHistory request, as in the Step Functions API model.</summary>
    public sealed class GetExecutionHistoryRequest
    {
        public string ExecutionArn { get; set; } = string.Empty;

        /// <summary>0-1000; 0 means the service default (100).</summary>
        public int? MaxResults { get; set; }

        /// <summary>Newest first.</summary>
        public bool? ReverseOrder { get; set; }

        public string? NextToken { get; set; }

        /// <summary>False leaves out inputs and outputs.</summary>
        public bool? IncludeExecutionData { get; set; }
    }
}
