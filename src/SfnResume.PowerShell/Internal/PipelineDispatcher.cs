using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace SfnResume.PowerShell.Internal
{
    /// <summary>
    /// Runs work on the thread pool while the pipeline thread waits and carries out what the workers post.
    /// A cmdlet may write objects, errors and progress only from its own thread; workers post those writes
    /// here instead of making them.
    /// <para>The pipeline thread sleeps on an event that a post or the work's end sets. A bulk run posts an
    /// object per execution, and a BlockingCollection spun on every wait: a few hundred milliseconds of CPU
    /// a thousand executions, on two cores shared with the workers. It also only noticed the end of the work
    /// when its wait timed out, up to a tick later.</para>
    /// </summary>
    internal sealed class PipelineDispatcher : IDisposable
    {
        private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(200);
        private readonly ConcurrentQueue<Action> posted = new ConcurrentQueue<Action>();
        private readonly ManualResetEventSlim wake = new ManualResetEventSlim(false, spinCount: 1);
        private DateTime nextTick = DateTime.UtcNow;
        private volatile bool disposed;

        /// <summary>Called on the pipeline thread about five times a second while work runs, and once at the end.</summary>
        public Action? Tick { get; set; }

        /// <summary>Queues an action for the pipeline thread. Safe from any thread; dropped once the cmdlet has ended.</summary>
        public void Post(Action action)
        {
            // After the end (stopped, or a terminating error) nobody is left to write to.
            if (disposed)
            {
                return;
            }

            posted.Enqueue(action);
            Wake();
        }

        /// <summary>Carries out what the workers posted so far, without waiting for more; from the pipeline thread between records.</summary>
        public void Drain()
        {
            CarryOutPosted();
            TickWhenDue();
        }

        public T Run<T>(Func<Task<T>> work)
        {
            var task = Task.Run(work);
            Pump(task);
            return task.GetAwaiter().GetResult();
        }

        public void Run(Func<Task> work)
        {
            var task = Task.Run(work);
            Pump(task);
            task.GetAwaiter().GetResult();
        }

        public void Dispose()
        {
            disposed = true;
            wake.Dispose();
        }

        private void Pump(Task task)
        {
            task.ContinueWith(_ => Wake(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            while (!task.IsCompleted)
            {
                // Reset before carrying out, so that a post made meanwhile sets the event again.
                wake.Wait(TickInterval);
                wake.Reset();
                Drain();
            }

            CarryOutPosted();
            Tick?.Invoke();
        }

        private void Wake()
        {
            try
            {
                wake.Set();
            }
            catch (ObjectDisposedException)
            {
                // The cmdlet ended between the check and the set.
            }
        }

        private void CarryOutPosted()
        {
            while (posted.TryDequeue(out var action))
            {
                action();
            }
        }

        private void TickWhenDue()
        {
            if (DateTime.UtcNow >= nextTick)
            {
                Tick?.Invoke();
                nextTick = DateTime.UtcNow + TickInterval;
            }
        }
    }
}
