using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SfnResume.Aws;

namespace SfnResume.Redrive
{
    /// <summary>
    /// Whether RedriveExecution can resume an execution, and every reason it cannot.
    /// <para>AWS's own verdict (DescribeExecution's redriveStatus) wins over the local rules for everything
    /// AWS enforces; the local rules explain a plan, or decide offline when no verdict is known. One rule is
    /// SfnResume's, not AWS's: redrive re-runs the definition the execution started with, so a state machine
    /// whose definition changed since (probably to fix the failure) is better resumed with a GoTo copy.</para>
    /// </summary>
    public sealed class RedriveEligibility
    {
        /// <summary>Executions started before redrive existed cannot be redriven.</summary>
        public static readonly DateTime RedriveAvailableSince = new DateTime(2023, 11, 15, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>Redrive is possible for 14 days after an execution closes.</summary>
        public static readonly TimeSpan RedriveWindow = TimeSpan.FromDays(14);

        /// <summary>A redrive needs room in the history: fewer than 24,999 events.</summary>
        public const long MaxHistoryEvents = 24999;

        private RedriveEligibility(IReadOnlyList<RedriveReason> reasons)
        {
            Reasons = reasons;
        }

        public bool Eligible => Reasons.Count == 0;

        public IReadOnlyList<RedriveReason> Reasons { get; }

        public static RedriveEligibility Evaluate(RedriveFacts facts, DateTime now)
        {
            var reasons = new List<RedriveReason>();
            if (facts.RedriveStatus == "NOT_REDRIVABLE")
            {
                // AWS's verdict stands; the local rules only name it more precisely where they can.
                AddLocalReasons(facts, now, reasons);
                var awsReason = facts.RedriveStatusReason ?? string.Empty;
                if (awsReason.IndexOf("event limit", StringComparison.OrdinalIgnoreCase) >= 0 && reasons.All(r => r.Code != "HistoryTooLong"))
                {
                    reasons.Add(new RedriveReason("HistoryTooLong", $"AWS reports: {awsReason}. A redrive needs fewer than {MaxHistoryEvents} events."));
                }

                if (reasons.Count == 0)
                {
                    reasons.Add(new RedriveReason("NotRedrivable", "AWS reports the execution cannot be redriven" + (awsReason.Length == 0 ? "." : $": {awsReason}.")));
                }
            }
            else if (facts.RedriveStatus == null)
            {
                AddLocalReasons(facts, now, reasons);
            }

            if (facts.DefinitionUnchanged == false)
            {
                reasons.Add(new RedriveReason("DefinitionChanged", "The state machine's definition changed since the execution ran; redrive would re-run the old definition."));
            }

            return new RedriveEligibility(reasons);
        }

        private static void AddLocalReasons(RedriveFacts facts, DateTime now, List<RedriveReason> reasons)
        {
            if (facts.StateMachineType == "EXPRESS")
            {
                reasons.Add(new RedriveReason("NotStandard", "Only Standard executions can be redriven."));
            }

            if (!ExecutionStatuses.IsFailed(facts.Status))
            {
                reasons.Add(facts.Status == "SUCCEEDED"
                    ? new RedriveReason("Succeeded", "A succeeded execution cannot be redriven.")
                    : new RedriveReason("NotClosed", $"The execution is {facts.Status}; only failed, timed-out or aborted executions can be redriven."));
            }

            if (facts.StartDate < RedriveAvailableSince)
            {
                reasons.Add(new RedriveReason("StartedBeforeRedrive", $"The execution started on {facts.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, before redrive existed (2023-11-15)."));
            }

            if (facts.StopDate.HasValue && now - facts.StopDate.Value > RedriveWindow)
            {
                reasons.Add(new RedriveReason("ClosedTooLongAgo", $"The execution closed {(int)(now - facts.StopDate.Value).TotalDays} days ago; redrive is possible for 14 days."));
            }

            if (facts.HistoryEventCount >= MaxHistoryEvents)
            {
                reasons.Add(new RedriveReason("HistoryTooLong", $"The history has {facts.HistoryEventCount} events; a redrive needs fewer than {MaxHistoryEvents}."));
            }
        }
    }
}
