using System;

namespace SfnResume.Aws.Model
{
    /// <summary>The UpdateStateMachine response, as in the Step Functions API model.</summary>
    public sealed class UpdateStateMachineResponse
    {
        public DateTime UpdateDate { get; set; }

        public string? RevisionId { get; set; }

        public string? StateMachineVersionArn { get; set; }
    }
}
