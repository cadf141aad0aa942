using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using SfnResume.Aws.Model;

namespace SfnResume.History
{
    /// <summary>
    /// Random access by event id over a history read newest first. Events are pulled from the source only
    /// when an id older than any read so far is asked for, so an analysis that stays near the end of a long
    /// history never causes the older pages to be requested.
    /// <para>Every walk it serves ends: ids must strictly decrease from one event to the next (a repeated or
    /// rising id is a damaged history), and a link must point to an earlier event, so following links or
    /// stepping back visits each event at most once. Gaps between ids cost nothing. Each pull and each step
    /// observes the cancellation token.</para>
    /// </summary>
    internal sealed class HistoryWindow
    {
        private readonly IEnumerator<HistoryEvent> newestFirst;
        private readonly CancellationToken cancellationToken;

        // Pulled events in pull order, so ids strictly decreasing: found by binary search. In blocks: a long
        // history's list would otherwise be copied as it grows, and its last copies be large objects.
        private readonly BlockList<HistoryEvent> pulled = new BlockList<HistoryEvent>();
        private bool exhausted;

        public HistoryWindow(IEnumerable<HistoryEvent> newestFirst, CancellationToken cancellationToken = default)
        {
            this.newestFirst = newestFirst.GetEnumerator();
            this.cancellationToken = cancellationToken;
            Newest = Pull();
        }

        /// <summary>The newest event: for a closed execution, its terminal event.</summary>
        public HistoryEvent? Newest { get; }

        public int EventsRead => pulled.Count;

        private long OldestLoaded => pulled.Count == 0 ? long.MaxValue : pulled[pulled.Count - 1].Id;

        [MethodImpl(HotPath.Optimized)]
        public HistoryEvent? Get(long id)
        {
            if (id <= 0)
            {
                return null;
            }

            var position = FirstAtOrBelow(id);
            return position < pulled.Count && pulled[position].Id == id ? pulled[position] : null;
        }

        /// <summary>
        /// The event before <paramref name="e"/> in its chain; by event order where the link is 0 (as on some
        /// real events).
        /// </summary>
        /// <exception cref="HistoryFormatException">The link points to the event itself or to a later one.</exception>
        [MethodImpl(HotPath.Optimized)]
        public HistoryEvent? Previous(HistoryEvent e)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (e.PreviousEventId >= e.Id)
            {
                throw new HistoryFormatException($"Event {e.Id} ({e.Type}) links to event {e.PreviousEventId} as its predecessor, which is not before it: the history is damaged.");
            }

            return e.PreviousEventId > 0 ? Get(e.PreviousEventId) : Before(e.Id);
        }

        /// <summary>Events with ids up to <paramref name="startId"/>, newest first, pulling pages as needed.</summary>
        public IEnumerable<HistoryEvent> Descending(long startId)
        {
            var position = FirstAtOrBelow(startId);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (position >= pulled.Count && (exhausted || Pull() == null))
                {
                    yield break;
                }

                yield return pulled[position++];
            }
        }

        /// <summary>The nearest event older than <paramref name="id"/>, however far back its id is.</summary>
        private HistoryEvent? Before(long id)
        {
            var position = FirstAtOrBelow(id - 1);
            return position < pulled.Count ? pulled[position] : null;
        }

        /// <summary>The position of the first pulled event whose id is at most <paramref name="id"/>, pulling until there is one or the source ends.</summary>
        [MethodImpl(HotPath.Optimized)]
        private int FirstAtOrBelow(long id)
        {
            while (!exhausted && id < OldestLoaded)
            {
                Pull();
            }

            // Pulled ids strictly decrease: binary search for the first one <= id.
            int low = 0, high = pulled.Count;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (pulled[middle].Id <= id)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }

            return low;
        }

        [MethodImpl(HotPath.Optimized)]
        private HistoryEvent? Pull()
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (exhausted || !newestFirst.MoveNext())
            {
                exhausted = true;
                return null;
            }

            var e = newestFirst.Current ?? throw new HistoryFormatException($"The history holds an empty event after event {OldestLoaded}.");
            if (e.Id >= OldestLoaded)
            {
                throw new HistoryFormatException(e.Id == OldestLoaded
                    ? $"Event id {e.Id} occurs twice: the history is damaged."
                    : $"Event {e.Id} comes after event {OldestLoaded} in a history read newest first: the history is damaged or out of order.");
            }

            pulled.Add(e);
            return e;
        }
    }
}
