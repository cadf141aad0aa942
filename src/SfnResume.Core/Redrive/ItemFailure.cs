using System;
using System.Threading;

namespace SfnResume.Redrive
{
    /// <summary>Which failures concern one execution of a batch, and which end the batch.</summary>
    internal static class ItemFailure
    {
        /// <summary>
        /// Failures that concern one item: AWS errors, unreadable histories and definitions, calls that stayed
        /// throttled, and anything unexpected (a bug, reported for that execution while the others go on).
        /// Only cancellation and the runtime failing end the batch.
        /// </summary>
        public static bool Is(Exception e, CancellationToken cancellationToken)
            => !(e is OperationCanceledException && cancellationToken.IsCancellationRequested) && !(e is OutOfMemoryException);
    }
}
