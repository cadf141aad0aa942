using System.Collections;
using System.Collections.Generic;

namespace SfnResume.History
{
    /// <summary>A list read from its last item to its first, without a reversed copy.</summary>
    internal sealed class ReversedList<T> : IReadOnlyList<T>
    {
        private readonly IReadOnlyList<T> items;

        public ReversedList(IReadOnlyList<T> items)
        {
            this.items = items;
        }

        public int Count => items.Count;

        public T this[int index] => items[items.Count - 1 - index];

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
