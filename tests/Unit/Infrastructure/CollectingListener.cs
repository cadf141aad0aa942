using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Redrive;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>A batch listener that approves (or declines) every change and keeps every answer and progress report.</summary>
    public sealed class CollectingListener : IRedriveBatchListener
    {
        private readonly Func<RedrivePlanItem, ResumeRole, bool> approve;

        public CollectingListener(Func<RedrivePlanItem, ResumeRole, bool>? approve = null)
        {
            this.approve = approve ?? ((_, _) => true);
        }

        public ConcurrentQueue<RedriveAnswer> Answers { get; } = new ConcurrentQueue<RedriveAnswer>();

        public ConcurrentQueue<(RedrivePlanItem Item, ResumeRole Role)> Approvals { get; } = new ConcurrentQueue<(RedrivePlanItem, ResumeRole)>();

        public ConcurrentQueue<(string Phase, int Done, int Total)> Reports { get; } = new ConcurrentQueue<(string, int, int)>();

        /// <summary>Called with each answer as it is given, on the batch's worker thread.</summary>
        public Action<RedriveAnswer>? OnAnswer { get; set; }

        public IReadOnlyList<RedriveAnswer> Of(RedriveAnswerKind kind) => Answers.Where(a => a.Kind == kind).ToList();

        public Task<bool> ApproveAsync(RedrivePlanItem item, ResumeRole role, CancellationToken cancellationToken)
        {
            Approvals.Enqueue((item, role));
            return Task.FromResult(approve(item, role));
        }

        public void Answer(RedriveAnswer answer)
        {
            Answers.Enqueue(answer);
            OnAnswer?.Invoke(answer);
        }

        /// <summary>The followed runs, in the order they ended (or the wait gave up on them).</summary>
        public ConcurrentQueue<(ResumedRun Run, ResumeRole Role)> Ends { get; } = new ConcurrentQueue<(ResumedRun, ResumeRole)>();

        public void Ended(ResumedRun run, ResumeRole role) => Ends.Enqueue((run, role));

        public void Progress(string phase, int done, int total) => Reports.Enqueue((phase, done, total));

        public ConcurrentQueue<string> Notices { get; } = new ConcurrentQueue<string>();

        public void Notice(string message) => Notices.Enqueue(message);
    }
}
