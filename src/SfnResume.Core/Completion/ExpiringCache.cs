using System;
using System.Collections.Concurrent;

namespace SfnResume.Completion
{
    /// <summary>
    /// Answers kept for a short while, so pressing Tab again (or on the next parameter) does not ask AWS
    /// again. Only answers are kept: a failed load is not, so the next Tab tries afresh.
    /// </summary>
    public sealed class ExpiringCache<T>
    {
        private readonly ConcurrentDictionary<string, Entry> entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
        private readonly TimeSpan lifetime;
        private readonly Func<DateTime> clock;

        public ExpiringCache(TimeSpan lifetime, Func<DateTime>? clock = null)
        {
            this.lifetime = lifetime;
            this.clock = clock ?? (() => DateTime.UtcNow);
        }

        public T GetOrLoad(string key, Func<T> load)
        {
            var now = clock();
            if (entries.TryGetValue(key, out var entry) && now - entry.LoadedAt < lifetime)
            {
                return entry.Value;
            }

            var value = load();
            entries[key] = new Entry(now, value);
            return value;
        }

        private sealed class Entry
        {
            public Entry(DateTime loadedAt, T value)
            {
                LoadedAt = loadedAt;
                Value = value;
            }

            public DateTime LoadedAt { get; }

            public T Value { get; }
        }
    }
}
