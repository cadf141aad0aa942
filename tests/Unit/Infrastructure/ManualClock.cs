using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// A clock that moves only when the test says (<see cref="Advance"/>), and tells when code under test
    /// starts waiting on it (<see cref="NextWaitAsync"/>): a test then knows the code is idle in a wait, with
    /// no sleep and no timing window. Timers fire on the thread that advances the clock.
    /// </summary>
    public sealed class ManualClock : TimeProvider
    {
        private readonly object gate = new object();
        private readonly List<ManualTimer> timers = new List<ManualTimer>();
        private readonly Queue<TimeSpan> armed = new Queue<TimeSpan>();
        private readonly SemaphoreSlim armedCount = new SemaphoreSlim(0);
        private DateTimeOffset now;

        public ManualClock(DateTimeOffset start)
        {
            now = start;
        }

        /// <summary>How far the clock has been moved in all.</summary>
        public TimeSpan Moved { get; private set; }

        public override DateTimeOffset GetUtcNow()
        {
            lock (gate)
            {
                return now;
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(this, callback, state);
            lock (gate)
            {
                timers.Add(timer);
            }

            timer.Change(dueTime, period);
            return timer;
        }

        /// <summary>
        /// The next wait the code under test starts on this clock (a timer armed), by how long it waits; throws
        /// when none starts within <paramref name="patience"/>, which only a hung or broken test reaches.
        /// </summary>
        public async Task<TimeSpan> NextWaitAsync(TimeSpan? patience = null)
        {
            if (!await armedCount.WaitAsync(patience ?? TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("The code under test did not start waiting on the clock.");
            }

            lock (gate)
            {
                return armed.Dequeue();
            }
        }

        /// <summary>
        /// Moves the clock on by each wait the code under test starts, as soon as it starts it, until
        /// <paramref name="work"/> ends: its waits then take no time. Returns the waits, in order.
        /// </summary>
        public async Task<IReadOnlyList<TimeSpan>> AdvanceUntilAsync(Task work)
        {
            var waits = new List<TimeSpan>();
            using var ended = new CancellationTokenSource();
            while (true)
            {
                var next = armedCount.WaitAsync(Timeout.Infinite, ended.Token);
                if (await Task.WhenAny(work, next) == work)
                {
                    ended.Cancel();
                    try
                    {
                        await next;
                    }
                    catch (OperationCanceledException)
                    {
                        // The work ended without starting another wait.
                    }

                    await work;
                    return waits;
                }

                await next;
                TimeSpan wait;
                lock (gate)
                {
                    wait = armed.Dequeue();
                }

                waits.Add(wait);
                Advance(wait);
            }
        }

        /// <summary>Waits started that <see cref="NextWaitAsync"/> has not taken yet.</summary>
        public int UntakenWaits => armedCount.CurrentCount;

        /// <summary>Moves the clock on and fires every timer due by then, in order.</summary>
        public void Advance(TimeSpan by)
        {
            List<ManualTimer> due;
            lock (gate)
            {
                now += by;
                Moved += by;
                due = timers.Where(t => t.DueAt.HasValue && t.DueAt.Value <= now).OrderBy(t => t.DueAt).ToList();
                foreach (var timer in due)
                {
                    timer.DueAt = timer.Period > TimeSpan.Zero && timer.Period != Timeout.InfiniteTimeSpan ? now + timer.Period : null;
                }
            }

            foreach (var timer in due)
            {
                timer.Fire();
            }
        }

        private void Arm(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
        {
            lock (gate)
            {
                timer.Period = period;
                timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    armed.Enqueue(dueTime);
                }
            }

            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                armedCount.Release();
            }
        }

        private void Remove(ManualTimer timer)
        {
            lock (gate)
            {
                timers.Remove(timer);
            }
        }

        private sealed class ManualTimer : ITimer
        {
            private readonly ManualClock clock;
            private readonly TimerCallback callback;
            private readonly object? state;

            public ManualTimer(ManualClock clock, TimerCallback callback, object? state)
            {
                this.clock = clock;
                this.callback = callback;
                this.state = state;
            }

            public DateTimeOffset? DueAt { get; set; }

            public TimeSpan Period { get; set; }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                clock.Arm(this, dueTime, period);
                return true;
            }

            public void Fire() => callback(state);

            public void Dispose() => clock.Remove(this);

            public ValueTask DisposeAsync()
            {
                Dispose();
                return default;
            }
        }
    }
}
