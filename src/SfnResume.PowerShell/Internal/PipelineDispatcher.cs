using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace SfnResume.PowerShell.Internal
{
    /// <summary>
    /// Runs work on the thread pool while the pipeline thread waits and carries out what the workers post.
    /// A cmdlet may write objects, errors and progress only from its own thread; workers post those writes
    /// here instead of making them.
    /// </summary>
    internal sealed class PipelineDispatcher : IDisposable
    {
        private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(200);
        private readonly BlockingCollection<Action> posted = new BlockingCollection<Action>();
        private DateTime nextTick = DateTime.UtcNow;

        /// <summary>Called on the pipeline thread about five times a second while work runs, and once at the end.</summary>
        public Action? Tick { get; set; }

        /// <summary>Queues an action for the pipeline thread. Safe from any thread; dropped once the cmdlet has ended.</summary>
        public void Post(Action action)
        {
            try
            {
                posted.Add(action);
            }
            catch (ObjectDisposedException)
            {
                // The pipeline ended (stopped, or a terminating error): nobody is left to write to.
            }
        }

        /// <summary>Carries out what the workers posted so far, without waiting for more; from the pipeline thread between records.</summary>
        public void Drain()
        {
            while (posted.TryTake(out var action))
            {
                action();
            }

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

        public void Dispose() => posted.Dispose();

        private void Pump(Task task)
        {
            while (!task.IsCompleted)
            {
                if (posted.TryTake(out var action, TickInterval))
                {
                    action();
                }

                TickWhenDue();
            }

            while (posted.TryTake(out var action))
            {
                action();
            }

            Tick?.Invoke();
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
