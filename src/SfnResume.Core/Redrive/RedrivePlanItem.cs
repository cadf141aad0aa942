using System;
using System.Collections.Generic;
using SfnResume.Aws.Model;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.Preflight;

namespace SfnResume.Redrive
{
    /// <summary>The plan for one execution: how it will be resumed, or why it will not be, worked out by reading only.</summary>
    public sealed class RedrivePlanItem
    {
        private readonly List<RedriveReason> reasons = new List<RedriveReason>();
        private int arrived;

        public RedrivePlanItem(RedriveTarget target)
        {
            Target = target;
        }

        public RedriveTarget Target { get; }

        public string ExecutionArn => Target.ExecutionArn;

        /// <summary>DescribeExecution's answer, or what ListExecutions said in its shape; null when it failed.</summary>
        public DescribeExecutionResponse? Execution { get; internal set; }

        /// <summary>Redrive or GoTo; null when the execution is skipped (see <see cref="Reasons"/>) or planning failed (see <see cref="Error"/>).</summary>
        public RedriveMethod? Method { get; internal set; }

        /// <summary>Why native redrive is not used, or why nothing is done.</summary>
        public IReadOnlyList<RedriveReason> Reasons => reasons;

        /// <summary>An AWS or history error that kept the plan from being made.</summary>
        public Exception? Error { get; internal set; }

        /// <summary>For GoTo: where the run failed, which state to start at and with what input.</summary>
        public FailurePoint? FailurePoint { get; internal set; }

        /// <summary>The Map Run the execution failed in, when it failed in a Distributed Map and the run was looked up; its counts when described.</summary>
        public MapRun? MapRun { get; internal set; }

        /// <summary>The definition the execution ran, when it was read.</summary>
        public StateMachineDefinition? RanDefinition { get; internal set; }

        /// <summary>For GoTo: the copy of the state machine's current definition, shared by every execution of that machine.</summary>
        public GoToCopyJob? Copy { get; internal set; }

        /// <summary>For GoTo: the resuming input and how precise it is, worked out once for the plan and the start.</summary>
        internal ResumeStart? Start { get; set; }

        /// <summary>For a GoTo resume of a failure in a top-level Distributed Map: its Map Run read and planned; null otherwise.</summary>
        internal GoTo.Distributed.DistributedResumePlan? MapRunPlan { get; set; }

        /// <summary>
        /// For GoTo: the resumes that exist on the copy, and the name and attempt of the run to start; when one
        /// is running or succeeded, the execution is already resumed and nothing starts.
        /// </summary>
        public ResumedRunLookup? Resumes { get; internal set; }

        /// <summary>Already resumed: by an earlier GoTo run that is running or succeeded, or by a redrive.</summary>
        public bool AlreadyResumed => Resumes?.AlreadyResumed == true || AlreadyRedriven != null;

        /// <summary>For Redrive: the execution as it is now, when RedriveExecution refused it because it was redriven already.</summary>
        internal DescribeExecutionResponse? AlreadyRedriven { get; set; }

        /// <summary>
        /// With a preflight: whether the resume state accepts what it will be given (a GoTo resume), or why that
        /// was not checked (a redrive, no permission...); null without one, or for an item that will not be resumed.
        /// </summary>
        public PreflightOutcome? Preflight { get; internal set; }

        /// <summary>For an Express execution: the log group its state machine and the GoTo copy log to, where its records and its resumes' are.</summary>
        internal string? ExpressLogGroup { get; set; }

        /// <summary>For Redrive: the idempotency token.</summary>
        public string? ClientToken { get; internal set; }

        internal bool AwaitsDefinitionCheck { get; set; }

        /// <summary>Planned from a ListExecutions item: AWS's own redrive verdict was not read.</summary>
        internal bool VerdictFromList { get; set; }

        /// <summary>True the first time only: the batch counts each item in once.</summary>
        internal bool MarkArrived() => System.Threading.Interlocked.Exchange(ref arrived, 1) == 0;

        internal void Skip(RedriveReason reason)
        {
            Method = null;
            reasons.Add(reason);
        }

        internal void AddReasons(IEnumerable<RedriveReason> more) => reasons.AddRange(more);

        internal void Fail(Exception error)
        {
            Method = null;
            Error = error;
        }
    }
}
