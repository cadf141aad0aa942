using System.Collections.Generic;
using SfnResume.Aws.Model;

namespace SfnResume.History
{
    /// <summary>
    /// Random access by event id over a history read newest first. Events are pulled from the source only
    /// when an id older than any read so far is asked for, so an analysis that stays near the end of a long
    /// history never causes the older pages to be requested.
    /// </summary>
    internal sealed class HistoryWindow
    {
        private readonly IEnumerator<HistoryEvent> newestFirst;
        private readonly Dictionary<long, HistoryEvent> loaded = new Dictionary<long, HistoryEvent>();
        private long oldestLoaded = long.MaxValue;
        private bool exhausted;

        public HistoryWindow(IEnumerable<HistoryEvent> newestFirst)
        {
            this.newestFirst = newestFirst.GetEnumerator();
            Newest = Pull();
        }

        /// <summary>The newest event: for a closed execution, its terminal event.</summary>
        public HistoryEvent? Newest { get; }

        public int EventsRead => loaded.Count;

        public HistoryEvent? Get(long id)
        {
            if (id <= 0)
            {
                return null;
            }

            while (!loaded.ContainsKey(id) && !exhausted && id < oldestLoaded)
            {
                Pull();
            }

            return loaded.TryGetValue(id, out var found) ? found : null;
        }

        /// <summary>The event before <paramref name="e"/> in its chain; by event order where the link is 0 (as on some real events).</summary>
        public HistoryEvent? Previous(HistoryEvent e) => Get(e.PreviousEventId > 0 ? e.PreviousEventId : e.Id - 1);

        /// <summary>Events from <paramref name="startId"/> down to 1, pulling pages as needed.</summary>
        public IEnumerable<HistoryEvent> Descending(long startId)
        {
            for (var id = startId; id >= 1; id--)
            {
                var e = Get(id);
                if (e != null)
                {
                    yield return e;
                }
                else if (exhausted && id < oldestLoaded)
                {
                    yield break;
                }
            }
        }

        private HistoryEvent? Pull()
        {
            if (exhausted || !newestFirst.MoveNext())
            {
                exhausted = true;
                return null;
            }

            var e = newestFirst.Current;
            loaded[e.Id] = e;
            if (e.Id < oldestLoaded)
            {
                oldestLoaded = e.Id;
            }

            return e;
        }
    }
}
