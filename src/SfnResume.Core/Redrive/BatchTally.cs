using System;
using System.Collections.Generic;
using System.Linq;

namespace SfnResume.Redrive
{
    /// <summary>
    /// What a batch did, counted from its answers, for the one line an operator (or a runbook's log) reads at the
    /// end: how many were resumed by each method, already resumed, skipped by reason, declined, held back by a
    /// canary, or failed; and, with a wait, how the runs it followed ended.
    /// </summary>
    public sealed class BatchTally
    {
        private readonly SortedDictionary<string, int> resumed = new SortedDictionary<string, int>(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> ended = new SortedDictionary<string, int>(StringComparer.Ordinal);
        private int alreadyResumed;
        private int planned;
        private int declined;
        private int withheld;
        private int failed;

        public int Total { get; private set; }

        public void Count(RedriveAnswer answer)
        {
            Total++;
            switch (answer.Kind)
            {
                case RedriveAnswerKind.Resumed:
                    Add(resumed, answer.Result?.Method ?? "?");
                    break;
                case RedriveAnswerKind.Planned when answer.Result?.Status == "AlreadyResumed":
                    alreadyResumed++;
                    break;
                case RedriveAnswerKind.Planned when answer.Item.Method == null:
                    Add(skipped, answer.Item.Reasons.Count == 0 ? "no reason" : answer.Item.Reasons[0].Code);
                    break;
                case RedriveAnswerKind.Planned:
                    planned++;
                    break;
                case RedriveAnswerKind.Declined:
                    declined++;
                    break;
                case RedriveAnswerKind.Withheld:
                    withheld++;
                    break;
                default:
                    failed++;
                    break;
            }
        }

        /// <summary>How many followed runs ended (or were given up on by the wait) so far.</summary>
        public int EndedCount => ended.Values.Sum();

        /// <summary>A followed run ended with <paramref name="status"/> (RUNNING: the wait gave up on it).</summary>
        public void Ended(string status) => Add(ended, status);

        /// <summary>The followed runs by how they ended, most common first: "11 SUCCEEDED, 1 FAILED"; empty before any ended.</summary>
        public string EndedByStatus() => string.Join(", ", ended.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Value:N0} {(e.Key == "RUNNING" ? "still RUNNING" : e.Key)}"));

        /// <summary>"12 executions: 5 resumed (3 Redrive, 2 GoTo), 2 already resumed, 2 skipped (1 Succeeded, 1 NotStandard), 1 declined, 2 failed."</summary>
        public override string ToString()
        {
            var parts = new List<string>();
            var resumedCount = resumed.Values.Sum();
            if (resumedCount > 0)
            {
                parts.Add($"{resumedCount:N0} resumed ({Join(resumed)})");
            }

            AddIf(parts, planned, "planned");
            AddIf(parts, alreadyResumed, "already resumed");
            var skippedCount = skipped.Values.Sum();
            if (skippedCount > 0)
            {
                parts.Add($"{skippedCount:N0} skipped ({Join(skipped)})");
            }

            AddIf(parts, declined, "declined");
            AddIf(parts, withheld, "held back by a canary");
            parts.Add($"{failed:N0} failed");
            var followed = ended.Count == 0 ? string.Empty : $" The runs followed: {EndedByStatus()}.";
            return $"{Total:N0} execution{(Total == 1 ? string.Empty : "s")}: {string.Join(", ", parts)}.{followed}";
        }

        private static void Add(SortedDictionary<string, int> counts, string key) => counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;

        private static string Join(SortedDictionary<string, int> counts) => string.Join(", ", counts.Select(c => $"{c.Value:N0} {c.Key}"));

        private static void AddIf(List<string> parts, int count, string what)
        {
            if (count > 0)
            {
                parts.Add($"{count:N0} {what}");
            }
        }
    }
}
