namespace SfnResume.Aws.Logs.Model
{
    /// <summary>The GetQueryResults request.</summary>
    public sealed class GetQueryResultsRequest
    {
        public string QueryId { get; set; } = string.Empty;
    }
}
