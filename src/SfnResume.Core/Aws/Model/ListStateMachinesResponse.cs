using System.Collections.Generic;

namespace SfnResume.Aws.Model
{
    /// <summary>The ListStateMachines response, as in the Step Functions API model.</summary>
    public sealed class ListStateMachinesResponse
    {
        public List<StateMachineListItem> StateMachines { get; set; } = new List<StateMachineListItem>();

        public string? NextToken { get; set; }
    }
}
