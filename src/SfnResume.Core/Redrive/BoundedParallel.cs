using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SfnResume.Redrive
{
    /// <summary>Runs one async body per item, at most a given number at a time (Parallel.ForEachAsync is not in netstandard2.0).</summary>
    public static class BoundedParallel
    {
        /// <summary>
        /// The body must handle its own failures: an exception from it stops the other workers taking new items
        /// and is rethrown once they have finished theirs. Cancellation stops them the same way.
        /// </summary>
        public static async Task ForEachAsync<T>(IEnumerable<T> items, int limit, Func<T, CancellationToken, Task> body, CancellationToken cancellationToken)
        {
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), "At least one at a time.");
            }

            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var queue = new Queue<T>(items);
            async Task Worker()
            {
                while (true)
                {
                    T item;
                    lock (queue)
                    {
                        if (queue.Count == 0)
                        {
                            return;
                        }

                        item = queue.Dequeue();
                    }

                    failed.Token.ThrowIfCancellationRequested();
                    try
                    {
                        await body(item, failed.Token).ConfigureAwait(false);
                    }
                    catch
                    {
                        failed.Cancel();
                        throw;
                    }
                }
            }

            var workers = Enumerable.Range(0, Math.Min(limit, Math.Max(queue.Count, 1))).Select(_ => Task.Run(Worker)).ToArray();
            try
            {
                await Task.WhenAll(workers).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A worker stopped because another failed: surface that failure, not the cancellation.
                var first = workers.Where(w => w.IsFaulted).Select(w => w.Exception!.InnerException!).FirstOrDefault();
                if (first != null)
                {
                    throw first;
                }

                throw;
            }
        }
    }
}
