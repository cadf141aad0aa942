using System.Collections.Generic;

namespace SfnResume.Aws.Model
{
    /// <summary>The CreateStateMachine request, as in the Step Functions API model.</summary>
    public sealed class CreateStateMachineRequest
    {
        /// <summary>1-80 characters.</summary>
        public string Name { get; set; } = string.Empty;

        public string Definition { get; set; } = string.Empty;

        public string RoleArn { get; set; } = string.Empty;

        public string? Type { get; set; }

        public LoggingConfiguration? LoggingConfiguration { get; set; }

        public List<Tag>? Tags { get; set; }

        public TracingConfiguration? TracingConfiguration { get; set; }

        public bool? Publish { get; set; }

        public string? VersionDescription { get; set; }

        public EncryptionConfiguration? EncryptionConfiguration { get; set; }
    }
}
