using System;

namespace SfnResume.Aws.Model
{
    /// <summary>The CreateStateMachine response, as in the Step Functions API model.</summary>
    public sealed class CreateStateMachineResponse
    {
        public string StateMachineArn { get; set; } = string.Empty;

        public DateTime CreationDate { get; set; }

        public string? StateMachineVersionArn { get; set; }
    }
}
