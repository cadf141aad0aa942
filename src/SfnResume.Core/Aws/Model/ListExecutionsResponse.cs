using System.Collections.Generic;

namespace SfnResume.Aws.Model
{
    /// <summary>The ListExecutions response, as in the Step Functions API model.</summary>
    public sealed class ListExecutionsResponse
    {
        public List<ExecutionListItem> Executions { get; set; } = new List<ExecutionListItem>();

        public string? NextToken { get; set; }
    }
}
