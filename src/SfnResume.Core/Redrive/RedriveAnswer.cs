using System;

namespace SfnResume.Redrive
{
    /// <summary>What became of one execution of a batch (<see cref="RedriveBatch"/> gives each exactly one).</summary>
    public sealed class RedriveAnswer
    {
        private RedriveAnswer(RedriveAnswerKind kind, RedrivePlanItem item, ResumeRole role, RedriveResult? result, Exception? error, CanaryVerdict? verdict)
        {
            Kind = kind;
            Item = item;
            Role = role;
            Result = result;
            Error = error;
            Verdict = verdict;
        }

        public RedriveAnswerKind Kind { get; }

        public RedrivePlanItem Item { get; }

        public string ExecutionArn => Item.ExecutionArn;

        /// <summary>Whether it was a canary, waited for one, or neither.</summary>
        public ResumeRole Role { get; }

        /// <summary>The result object for <see cref="RedriveAnswerKind.Planned"/> and <see cref="RedriveAnswerKind.Resumed"/>.</summary>
        public RedriveResult? Result { get; }

        /// <summary>For <see cref="RedriveAnswerKind.Failed"/>: what went wrong.</summary>
        public Exception? Error { get; }

        /// <summary>For <see cref="RedriveAnswerKind.Withheld"/>: the canary that did not succeed.</summary>
        public CanaryVerdict? Verdict { get; }

        internal static RedriveAnswer Planned(RedrivePlanItem item, ResumeRole role = ResumeRole.Ordinary)
            => new RedriveAnswer(RedriveAnswerKind.Planned, item, role, RedriveResults.Planned(item), null, null);

        internal static RedriveAnswer Resumed(ResumedRun run, ResumeRole role)
            => new RedriveAnswer(RedriveAnswerKind.Resumed, run.Item, role, run.Result, null, null);

        internal static RedriveAnswer Declined(RedrivePlanItem item, ResumeRole role)
            => new RedriveAnswer(RedriveAnswerKind.Declined, item, role, null, null, null);

        internal static RedriveAnswer Failed(RedrivePlanItem item, Exception error, ResumeRole role = ResumeRole.Ordinary)
            => new RedriveAnswer(RedriveAnswerKind.Failed, item, role, null, error, null);

        internal static RedriveAnswer Withheld(RedrivePlanItem item, CanaryVerdict verdict)
            => new RedriveAnswer(RedriveAnswerKind.Withheld, item, ResumeRole.AfterCanary, null, null, verdict);
    }
}
