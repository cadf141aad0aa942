namespace SfnResume.Aws.Model
{
    /// <summary>The UpdateStateMachine request, as in the Step Functions API model.</summary>
    public sealed class UpdateStateMachineRequest
    {
        public string StateMachineArn { get; set; } = string.Empty;

        public string? Definition { get; set; }

        public string? RoleArn { get; set; }

        public LoggingConfiguration? LoggingConfiguration { get; set; }

        public TracingConfiguration? TracingConfiguration { get; set; }

        public bool? Publish { get; set; }

        public string? VersionDescription { get; set; }

        public EncryptionConfiguration? EncryptionConfiguration { get; set; }
    }
}
