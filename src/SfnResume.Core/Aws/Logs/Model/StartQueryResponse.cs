namespace SfnResume.Aws.Logs.Model
{
    /// <summary>The StartQuery response.</summary>
    public sealed class StartQueryResponse
    {
        public string? QueryId { get; set; }
    }
}
