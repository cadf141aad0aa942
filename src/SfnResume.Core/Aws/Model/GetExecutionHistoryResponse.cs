using System.Collections.Generic;

namespace SfnResume.Aws.Model
{
    /// <summary>The GetExecutionHistory response, as in the Step Functions API model.</summary>
    public sealed class GetExecutionHistoryResponse
    {
        public List<HistoryEvent> Events { get; set; } = new List<HistoryEvent>();

        public string? NextToken { get; set; }
    }
}
