using System;
using System.Globalization;
using SfnResume.Aws.Model;

namespace SfnResume
{
    /// <summary>
    /// A Distributed Map's run, as DescribeMapRun tells it, with the reason it failed from the parent's history
    /// (its MapRunFailed event). A failure point in a Distributed Map carries it; its failed, timed-out and
    /// aborted child executions are what Get-SfnFailurePoint -MapRunChildren reads.
    /// </summary>
    public sealed class MapRun
    {
        /// <summary><c>arn:aws:states:&lt;region&gt;:&lt;account&gt;:mapRun:&lt;machine&gt;/&lt;label&gt;:&lt;id&gt;</c>.</summary>
        public string MapRunArn { get; set; } = string.Empty;

        /// <summary>The Map state's label (its name unless the definition gives a Label): the part after the machine's name.</summary>
        public string? Label
        {
            get
            {
                // mapRun:<machine>/<label>:<id>: the resource part is the sixth field, and the label ends at the next colon.
                var parts = MapRunArn.Split(':');
                if (parts.Length < 7)
                {
                    return null;
                }

                var slash = parts[6].IndexOf('/');
                return slash < 0 ? null : parts[6].Substring(slash + 1);
            }
        }

        /// <summary>The parent execution, whose Map state started the run.</summary>
        public string? ExecutionArn { get; set; }

        /// <summary>RUNNING, SUCCEEDED, FAILED or ABORTED; null when the run could not be described (see <see cref="Described"/>).</summary>
        public string? Status { get; set; }

        public bool Described => Status != null;

        public DateTime? StartDate { get; set; }

        public DateTime? StopDate { get; set; }

        public int? MaxConcurrency { get; set; }

        public long? ToleratedFailureCount { get; set; }

        public double? ToleratedFailurePercentage { get; set; }

        /// <summary>What happened to the items: total, succeeded, failed, timed out, aborted, pending (never started), running.</summary>
        public MapRunCounts? ItemCounts { get; set; }

        /// <summary>What happened to the child executions (one per item, or per batch with an ItemBatcher).</summary>
        public MapRunCounts? ExecutionCounts { get; set; }

        public int RedriveCount { get; set; }

        /// <summary>
        /// For a run of a GoTo copy's Distributed Map: the item file SfnResume wrote that it ran
        /// (<c>s3://bucket/key</c>), whose entries its children are matched to when it failed again; null for
        /// an original's run.
        /// </summary>
        public string? ItemFile { get; set; }

        /// <summary>Why the run failed: the error of its MapRunFailed event, e.g. States.ExceedToleratedFailureThreshold.</summary>
        public string? Error { get; set; }

        public string? Cause { get; set; }

        /// <summary>The child executions the drill-down reads: the failed, timed-out and aborted ones; null when not described.</summary>
        public long? UnsuccessfulExecutions => ExecutionCounts == null ? (long?)null : ExecutionCounts.Failed + ExecutionCounts.TimedOut + ExecutionCounts.Aborted;

        /// <summary>
        /// The items a redrive of the run runs again: failed, timed out, aborted and never started (pending); null
        /// when not described. The succeeded ones are not run again.
        /// </summary>
        public long? ItemsToRunAgain => ItemCounts == null ? (long?)null : ItemCounts.Failed + ItemCounts.TimedOut + ItemCounts.Aborted + ItemCounts.Pending;

        /// <summary>"FAILED: 4,000 of 10,000 items succeeded, 51 failed, 100 aborted, 5,849 never started; 50 failures tolerated".</summary>
        public override string ToString()
        {
            if (!Described || ItemCounts == null)
            {
                return Error == null ? MapRunArn : $"{Error}: {MapRunArn}";
            }

            var c = ItemCounts;
            var text = $"{Status}: {N(c.Succeeded)} of {N(c.Total)} items succeeded";
            text += Part(c.Failed, "failed") + Part(c.TimedOut, "timed out") + Part(c.Aborted, "aborted") + Part(c.Pending, "never started") + Part(c.Running, "running");
            if (ToleratedFailureCount > 0 || ToleratedFailurePercentage > 0)
            {
                text += ToleratedFailureCount > 0
                    ? $"; {N(ToleratedFailureCount.Value)} failures tolerated"
                    : $"; {ToleratedFailurePercentage!.Value.ToString("0.##", CultureInfo.InvariantCulture)} % failures tolerated";
            }

            return text;
        }

        private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

        private static string Part(long value, string what) => value == 0 ? string.Empty : $", {N(value)} {what}";
    }
}
