using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SfnResume.Redrive
{
    /// <summary>
    /// Lets a fixed number of calls run at once, and hands a freed place to the calls that finish an execution
    /// (RedriveExecution, StartExecution) before the calls that begin planning another: a long batch then
    /// resumes executions all along instead of reading every one first.
    /// </summary>
    internal sealed class CallGate
    {
        private readonly Queue<TaskCompletionSource<bool>> finishing = new Queue<TaskCompletionSource<bool>>();
        private readonly Queue<TaskCompletionSource<bool>> beginning = new Queue<TaskCompletionSource<bool>>();
        private int free;

        public CallGate(int places)
        {
            if (places < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(places), "At least one call at a time.");
            }

            free = places;
        }

        /// <summary>Runs <paramref name="call"/> once a place is free.</summary>
        public async Task<T> RunAsync<T>(bool finishesAnExecution, Func<Task<T>> call, CancellationToken cancellationToken)
        {
            await EnterAsync(finishesAnExecution, cancellationToken).ConfigureAwait(false);
            try
            {
                return await call().ConfigureAwait(false);
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
