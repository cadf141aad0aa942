using System.Threading;
using System.Threading.Tasks;

namespace SfnResume.Redrive
{
    /// <summary>
    /// Who a batch reports to (the cmdlet, which writes on its own thread what the batch's workers hand it).
    /// Every member is called from worker threads.
    /// </summary>
    public interface IRedriveBatchListener
    {
        /// <summary>
        /// Whether a planned execution may be resumed now (a prompt may take a while). Asked once per change:
        /// again when a refused redrive turns to GoTo. Never asked when the batch only plans.
        /// </summary>
        Task<bool> ApproveAsync(RedrivePlanItem item, ResumeRole role, CancellationToken cancellationToken);

        /// <summary>Exactly once per execution added: what became of it.</summary>
        void Answer(RedriveAnswer answer);

        /// <summary>
        /// A run that was followed (a canary, or every run with a wait) ended, or the wait gave up on it. Its result
        /// was answered when the change was made; it now holds how the run ended (Status, FailurePoint).
        /// </summary>
        void Ended(ResumedRun run, ResumeRole role);

        /// <summary>Where the batch is: a phase, how much of it is done, out of how much.</summary>
        void Progress(string phase, int done, int total);

        /// <summary>
        /// The batch does less than it could for a reason that is no one execution's (a permission it lacks, so a
        /// copy goes without the original's tags, or runs are followed one call each): said once per reason.
        /// </summary>
        void Notice(string message);
    }
}
