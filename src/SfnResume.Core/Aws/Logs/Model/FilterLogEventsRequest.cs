using System.Collections.Generic;

namespace SfnResume.Aws.Logs.Model
{
    /// <summary>The FilterLogEvents request, as in the CloudWatch Logs API model.</summary>
    public sealed class FilterLogEventsRequest
    {
        public string? LogGroupName { get; set; }

        /// <summary>The group's name or ARN (without the trailing <c>:*</c>); use it or <see cref="LogGroupName"/>.</summary>
        public string? LogGroupIdentifier { get; set; }

        public List<string>? LogStreamNames { get; set; }

        /// <summary>Epoch milliseconds, inclusive.</summary>
        public long? StartTime { get; set; }

        /// <summary>Epoch milliseconds, exclusive.</summary>
        public long? EndTime { get; set; }

        /// <summary>E.g. <c>{ $.execution_arn = "arn:..." }</c>: JSON records are matched by their members.</summary>
        public string? FilterPattern { get; set; }

        public string? NextToken { get; set; }

        /// <summary>At most 10,000 events a page (the default).</summary>
        public int? Limit { get; set; }
    }
}
