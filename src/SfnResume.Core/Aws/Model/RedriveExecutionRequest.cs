namespace SfnResume.Aws.Model
{
    /// <summary>The RedriveExecution request, as in the Step Functions API model.</summary>
    public sealed class RedriveExecutionRequest
    {
        public string ExecutionArn { get; set; } = string.Empty;

        /// <summary>1-64 printable ASCII characters; makes a retried call idempotent for 15 minutes.</summary>
        public string? ClientToken { get; set; }
    }
}
