using System;

namespace SfnResume.Aws.Model
{
    /// <summary>The RedriveExecution response, as in the Step Functions API model.</summary>
    public sealed class RedriveExecutionResponse
    {
        public DateTime RedriveDate { get; set; }
    }
}
