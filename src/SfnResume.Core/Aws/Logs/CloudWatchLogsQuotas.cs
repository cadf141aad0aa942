using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using SfnResume.Aws.Pacing;

namespace SfnResume.Aws.Logs
{
    /// <summary>
    /// CloudWatch Logs' API quotas for the calls SfnResume makes, per account and region, the same in every region
    /// (CloudWatch Logs quotas page): FilterLogEvents 5 a second (not raisable), DescribeLogGroups 10, StartQuery and
    /// GetQueryResults 5 each. Logs Insights also limits how many queries run at once (<see cref="ConcurrentQueries"/>).
    /// The buckets hold one second of calls: the quotas are rates, with no burst documented.
    /// </summary>
    public static class CloudWatchLogsQuotas
    {
        /// <summary>Logs Insights queries that may run at once in an account and region (the documented default).</summary>
        public const int ConcurrentQueries = 30;

        private static readonly ConcurrentDictionary<string, RequestPacer> Shared = new ConcurrentDictionary<string, RequestPacer>(StringComparer.Ordinal);

        public static IReadOnlyDictionary<string, ApiQuota> All { get; } = new Dictionary<string, ApiQuota>(StringComparer.Ordinal)
        {
            ["FilterLogEvents"] = new ApiQuota(5, 5),
            ["DescribeLogGroups"] = new ApiQuota(10, 10),
            ["StartQuery"] = new ApiQuota(5, 5),
            ["GetQueryResults"] = new ApiQuota(5, 5),
        };

        /// <summary>The Logs pacer of one account and region, shared by every Logs client made for it in this process.</summary>
        public static RequestPacer PacerFor(string account, string region)
            => Shared.GetOrAdd(account + "|" + region, _ => new RequestPacer(All));
    }
}
