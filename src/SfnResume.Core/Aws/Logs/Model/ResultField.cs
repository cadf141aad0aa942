namespace SfnResume.Aws.Logs.Model
{
    /// <summary>One field of a Logs Insights row, e.g. <c>@message</c>.</summary>
    public sealed class ResultField
    {
        public string? Field { get; set; }

        public string? Value { get; set; }
    }
}
