using System;
using System.Collections.Generic;

namespace SfnResume.Aws.Pacing
{
    /// <summary>
    /// Step Functions' API throttling quotas: a token bucket per API, per account and region, with larger
    /// figures in us-east-1, us-west-2 and eu-west-1 (Step Functions developer guide, "Quotas", API action
    /// throttling). They are the documented defaults; an account whose quotas were raised is paced at these.
    /// ListStateMachines, ListTagsForResource and DeleteStateMachine (the copies' listing and removal) are in the
    /// guide's "Other quotas" table, the same in every region (awsdocs/aws-step-functions-developer-guide,
    /// doc_source/limits-overview.md); ListTagsForResource's refill of one a second is what a long listing waits on.
    /// APIs the guide gives no figure for (DescribeMapRun...) are rare here and not paced.
    /// TestState (a bucket of 1 refilled once a second, in every region) is the one figure here that the
    /// project's reference notes do not also record: a preflight of many distinct inputs takes about a second
    /// each, and should AWS answer with throttling after all, the bucket slows down (<see cref="RequestPacer.Throttled"/>).
    /// </summary>
    public static class ApiQuotas
    {
        private static readonly HashSet<string> LargeRegions = new HashSet<string>(StringComparer.Ordinal) { "us-east-1", "us-west-2", "eu-west-1" };

        private static readonly IReadOnlyDictionary<string, ApiQuota> Large = new Dictionary<string, ApiQuota>(StringComparer.Ordinal)
        {
            ["GetExecutionHistory"] = new ApiQuota(400, 20),
            ["DescribeExecution"] = new ApiQuota(300, 15),
            ["DescribeStateMachine"] = new ApiQuota(200, 20),
            ["DescribeStateMachineForExecution"] = new ApiQuota(200, 1),
            ["CreateStateMachine"] = new ApiQuota(100, 1),
            ["UpdateStateMachine"] = new ApiQuota(100, 1),
            ["ListExecutions"] = new ApiQuota(200, 5),
            ["StartExecution"] = new ApiQuota(1300, 300),
            ["RedriveExecution"] = new ApiQuota(1300, 300),
            ["TestState"] = new ApiQuota(1, 1),
            ["ListStateMachines"] = new ApiQuota(100, 5),
            ["ListTagsForResource"] = new ApiQuota(100, 1),
            ["DeleteStateMachine"] = new ApiQuota(100, 1),
        };

        private static readonly IReadOnlyDictionary<string, ApiQuota> Other = new Dictionary<string, ApiQuota>(StringComparer.Ordinal)
        {
            ["GetExecutionHistory"] = new ApiQuota(400, 20),
            ["DescribeExecution"] = new ApiQuota(250, 10),
            ["DescribeStateMachine"] = new ApiQuota(200, 20),
            ["DescribeStateMachineForExecution"] = new ApiQuota(200, 1),
            ["CreateStateMachine"] = new ApiQuota(100, 1),
            ["UpdateStateMachine"] = new ApiQuota(100, 1),
            ["ListExecutions"] = new ApiQuota(100, 2),
            ["StartExecution"] = new ApiQuota(800, 150),
            ["RedriveExecution"] = new ApiQuota(800, 150),
            ["TestState"] = new ApiQuota(1, 1),
            ["ListStateMachines"] = new ApiQuota(100, 5),
            ["ListTagsForResource"] = new ApiQuota(100, 1),
            ["DeleteStateMachine"] = new ApiQuota(100, 1),
        };

        /// <summary>The quotas of every API SfnResume calls in <paramref name="region"/>.</summary>
        public static IReadOnlyDictionary<string, ApiQuota> For(string region) => LargeRegions.Contains(region) ? Large : Other;
    }
}
