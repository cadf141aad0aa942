using System;

namespace SfnResume.Aws.Model
{
    /// <summary>The StartExecution response, as in the Step Functions API model.</summary>
    public sealed class StartExecutionResponse
    {
        public string ExecutionArn { get; set; } = string.Empty;

        public DateTime StartDate { get; set; }
    }
}
