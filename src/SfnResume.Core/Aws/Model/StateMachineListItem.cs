using System;

namespace SfnResume.Aws.Model
{
    /// <summary>The StateMachineListItem response, as in the Step Functions API model.</summary>
    public sealed class StateMachineListItem
    {
        public string StateMachineArn { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Type { get; set; } = string.Empty;

        public DateTime CreationDate { get; set; }
    }
}
