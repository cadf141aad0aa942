namespace SfnResume.Aws.Model
{
    /// <summary>The StartExecution request, as in the Step Functions API model.</summary>
    public sealed class StartExecutionRequest
    {
        /// <summary>Unqualified, version or alias ARN.</summary>
        public string StateMachineArn { get; set; } = string.Empty;

        /// <summary>Unique for 90 days; a UUID when omitted.</summary>
        public string? Name { get; set; }

        /// <summary>At most 256 KiB; send "{}" when empty.</summary>
        public string? Input { get; set; }

        public string? TraceHeader { get; set; }
    }
}
