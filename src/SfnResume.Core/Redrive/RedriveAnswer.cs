using System;

namespace SfnResume.Redrive
{
    /// <summary>What became of one execution of a batch (<see cref="RedriveBatch"/> gives each exactly one).</summary>
    public sealed class RedriveAnswer
    {
        private RedriveAnswer(RedriveAnswerKind kind, RedrivePlanItem item, RedriveResult? result, Exception? error)
        {
            Kind = kind;
            Item = item;
            Result = result;
            Error = error;
        }

        public RedriveAnswerKind Kind { get; }

        public RedrivePlanItem Item { get; }

        public string ExecutionArn => Item.ExecutionArn;

        /// <summary>The result object for <see cref="RedriveAnswerKind.Planned"/> and <see cref="RedriveAnswerKind.Resumed"/>.</summary>
        public RedriveResult? Result { get; }

        /// <summary>For <see cref="RedriveAnswerKind.Failed"/>: what went wrong.</summary>
        public Exception? Error { get; }

        internal static RedriveAnswer Planned(RedrivePlanItem item)
            => new RedriveAnswer(RedriveAnswerKind.Planned, item, RedriveResults.Planned(item), null);

        internal static RedriveAnswer Resumed(ResumedRun run)
            => new RedriveAnswer(RedriveAnswerKind.Resumed, run.Item, run.Result, null);

        internal static RedriveAnswer Declined(RedrivePlanItem item)
            => new RedriveAnswer(RedriveAnswerKind.Declined, item, null, null);

        internal static RedriveAnswer Failed(RedrivePlanItem item, Exception error)
            => new RedriveAnswer(RedriveAnswerKind.Failed, item, null, error);
    }
}
