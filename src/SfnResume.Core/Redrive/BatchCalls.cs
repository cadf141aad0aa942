using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;

namespace SfnResume.Redrive
{
    /// <summary>
    /// How a batch calls AWS: each call retried on passing failures (<see cref="TransientRetry"/>), and a fixed
    /// number at once. A freed place goes to the calls that finish an execution (RedriveExecution,
    /// StartExecution) before the calls that begin planning another: a long batch then resumes executions all
    /// along instead of reading every one first.
    /// </summary>
    internal sealed class BatchCalls
    {
        private readonly Queue<TaskCompletionSource<bool>> finishing = new Queue<TaskCompletionSource<bool>>();
        private readonly Queue<TaskCompletionSource<bool>> beginning = new Queue<TaskCompletionSource<bool>>();
        private readonly TransientRetry retry;
        private int free;

        public BatchCalls(int places, TransientRetry retry)
        {
            this.retry = retry;
            if (places < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(places), "At least one call at a time.");
            }

            free = places;
        }

        /// <summary>Runs <paramref name="call"/>, with its retries, once a place is free.</summary>
        public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, bool finishesAnExecution = false)
        {
            await EnterAsync(finishesAnExecution, cancellationToken).ConfigureAwait(false);
            try
            {
                return await retry.RunAsync(call, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Leave();
            }
        }

        private Task EnterAsync(bool finishesAnExecution, CancellationToken cancellationToken)
        {
            TaskCompletionSource<bool> waiter;
            lock (finishing)
            {
                if (free > 0)
                {
                    free--;
                    return Task.CompletedTask;
                }

                waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                (finishesAnExecution ? finishing : beginning).Enqueue(waiter);
            }

            if (!cancellationToken.CanBeCanceled)
            {
                return waiter.Task;
            }

            // A cancelled waiter stays queued; Leave skips it and gives its place to the next.
            var registration = cancellationToken.Register(() => waiter.TrySetCanceled());
            return waiter.Task.ContinueWith(
                t =>
                {
                    registration.Dispose();
                    return t;
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default).Unwrap();
        }

        private void Leave()
        {
            lock (finishing)
            {
                while (finishing.Count > 0 || beginning.Count > 0)
                {
                    var next = finishing.Count > 0 ? finishing.Dequeue() : beginning.Dequeue();
                    if (next.TrySetResult(true))
                    {
                        return;
                    }
                }

                free++;
            }
        }
    }
}
