using System.Collections.Generic;

namespace SfnResume.Aws.Logs.Model
{
    /// <summary>The GetQueryResults response: one list of fields per row.</summary>
    public sealed class GetQueryResultsResponse
    {
        public List<List<ResultField>> Results { get; set; } = new List<List<ResultField>>();

        public QueryStatistics? Statistics { get; set; }

        /// <summary>Scheduled, Running, Complete, Failed, Cancelled, Timeout or Unknown.</summary>
        public string? Status { get; set; }
    }
}
