using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using SfnResume.Aws.Serialization;

namespace SfnResume.Aws.Model
{
    /// <summary>The DescribeStateMachine response, as in the Step Functions API model.</summary>
    public sealed class DescribeStateMachineResponse
    {
        public string StateMachineArn { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string? Status { get; set; }

        /// <summary>The definition as JSON text.</summary>
        [JsonConverter(typeof(JsonTextConverter))]
        public string Definition { get; set; } = string.Empty;

        public string RoleArn { get; set; } = string.Empty;

        /// <summary>STANDARD or EXPRESS.</summary>
        public string Type { get; set; } = string.Empty;

        public DateTime CreationDate { get; set; }

        public LoggingConfiguration? LoggingConfiguration { get; set; }

        public TracingConfiguration? TracingConfiguration { get; set; }

        public string? Label { get; set; }

        public string? RevisionId { get; set; }

        public string? Description { get; set; }

        public EncryptionConfiguration? EncryptionConfiguration { get; set; }

        public Dictionary<string, List<string>>? VariableReferences { get; set; }
    }
}
