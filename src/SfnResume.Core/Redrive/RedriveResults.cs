using System;
using System.Collections.Generic;
using System.Linq;
using SfnResume.GoTo;

namespace SfnResume.Redrive
{
    /// <summary>How a plan item reads to the operator: the result object Test-SfnRedrive and Invoke-SfnRedrive write.</summary>
    public static class RedriveResults
    {
        /// <summary>The method a result shows for a GoTo resume started on a resume-ready machine itself, with no copy.</summary>
        public const string OnMachine = "OnMachine";

        /// <summary>What the plan says for one execution, as Test-SfnRedrive shows it.</summary>
        public static RedriveResult Planned(RedrivePlanItem item)
        {
            var result = For(item);
            result.Status = item.AlreadyResumed ? "AlreadyResumed" : item.Method == null ? "Skipped" : "Planned";
            return result;
        }

        /// <summary>
        /// What the operator should hear before a GoTo item is resumed, or when it is only planned: each way its
        /// run would repeat work the failed run had finished (the result's PrecisionNote, sentence by sentence).
        /// Empty for a redrive or a skip.
        /// </summary>
        public static IReadOnlyList<string> PrecisionWarnings(RedrivePlanItem item)
            => (item.Method == RedriveMethod.GoTo ? StartFor(item)?.Warnings : null) ?? Array.Empty<string>();

        /// <summary>The codes of the GoTo start's precision reasons; empty for a redrive or a skip.</summary>
        public static IReadOnlyList<string> PrecisionCodes(RedrivePlanItem item)
            => (item.Method == RedriveMethod.GoTo ? StartFor(item)?.Plan.Codes : null) ?? Array.Empty<string>();

        /// <summary>The file of a failed Distributed Map's items that a precise GoTo resume writes before it starts; null otherwise.</summary>
        public static GoTo.Distributed.ItemFile? ItemFileOf(RedrivePlanItem item)
            => item.Method == RedriveMethod.GoTo ? StartFor(item)?.Distributed?.ItemFile : null;

        /// <summary>The result of an item as planned, without a status: the executor and the plan fill that in.</summary>
        internal static RedriveResult For(RedrivePlanItem item)
        {
            var start = item.Method == RedriveMethod.GoTo ? StartFor(item) : null;
            var itemFile = start?.Distributed?.ItemFile;
            var result = new RedriveResult
            {
                ExecutionArn = item.ExecutionArn,
                Method = item.Method == RedriveMethod.GoTo && item.Copy?.Plan.Action == GoToCopyAction.OnMachine ? OnMachine : item.Method?.ToString() ?? "None",
                StateMachineArn = item.Method == RedriveMethod.GoTo ? item.Copy?.CopyArn : item.Execution?.StateMachineArn,
                ResumeState = item.Method == RedriveMethod.GoTo ? item.FailurePoint?.ResumeState : null,
                Precision = start?.Plan.Precision.ToString(),
                PrecisionNote = start?.Plan.Reason,
                PrecisionCodes = start?.Plan.Codes ?? (IReadOnlyList<string>)Array.Empty<string>(),
                RedriveCount = item.AlreadyRedriven?.RedriveCount ?? item.Execution?.RedriveCount ?? 0,
                Reason = item.Reasons.Count == 0 ? null : string.Join(" ", item.Reasons.Select(r => r.Message)),
                ReasonCodes = item.Reasons.Select(r => r.Code).ToList(),
                Attempt = item.Method == RedriveMethod.GoTo ? item.Resumes?.Attempt : null,
                ResumedExecutionArn = item.AlreadyRedriven?.ExecutionArn ?? (item.AlreadyResumed ? item.Resumes!.Latest!.ExecutionArn : null),
                ResumedStatus = item.AlreadyRedriven?.Status ?? (item.AlreadyResumed ? item.Resumes!.Latest!.Status : null),
                Preflight = item.Preflight,
                MapRun = item.MapRun,
                ItemFile = itemFile?.Uri,
                MapResult = start?.Distributed?.MapResult,
            };
            result.SetItemsRunAgainByGoTo(itemFile?.Count);
            return result;
        }

        /// <summary>
        /// The GoTo start of an item whose failure point and copy are known: precise inside Parallel and Map
        /// (what succeeded replays its recorded output, only the rest runs), worked out once for the plan
        /// (Test-SfnRedrive shows it) and the start.
        /// </summary>
        internal static ResumeStart? StartFor(RedrivePlanItem item)
        {
            if (item.Start == null && item.FailurePoint?.ResumeState != null && item.FailurePoint.InputKnown && item.Copy != null)
            {
                item.Start = ResumeRequest.FromFailurePoint(item.FailurePoint, null, inputGiven: false, offline: true)
                    .Start(null, null, item.Copy.Plan.Copy, item.Copy.Current, ResumePrecision.Precise, item.MapRunPlan);
            }

            return item.Start;
        }
    }
}
