using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using SfnResume.Aws.Serialization;

namespace SfnResume.Aws.Model
{
    /// <summary>The definition an execution actually ran. Has no type or status field.</summary>
    public sealed class DescribeStateMachineForExecutionResponse
    {
        public string StateMachineArn { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        /// <summary>The definition as JSON text.</summary>
        [JsonConverter(typeof(JsonTextConverter))]
        public string Definition { get; set; } = string.Empty;

        public string RoleArn { get; set; } = string.Empty;

        public DateTime UpdateDate { get; set; }

        public LoggingConfiguration? LoggingConfiguration { get; set; }

        public TracingConfiguration? TracingConfiguration { get; set; }

        public string? MapRunArn { get; set; }

        public string? Label { get; set; }

        public string? RevisionId { get; set; }

        public EncryptionConfiguration? EncryptionConfiguration { get; set; }

        public Dictionary<string, List<string>>? VariableReferences { get; set; }
    }
}
