using System.Collections.Generic;

namespace SfnResume.Aws.Logs.Model
{
    /// <summary>The FilterLogEvents response. A page may be empty while <see cref="NextToken"/> is set: the search goes on.</summary>
    public sealed class FilterLogEventsResponse
    {
        public List<FilteredLogEvent> Events { get; set; } = new List<FilteredLogEvent>();

        public string? NextToken { get; set; }
    }
}
