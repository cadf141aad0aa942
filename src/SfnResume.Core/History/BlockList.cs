using System.Collections;
using System.Collections.Generic;

namespace SfnResume.History
{
    /// <summary>
    /// An append-only list kept in fixed blocks: it grows without copying what it holds, and each block stays
    /// under the large-object threshold, so indexing a long history (its details members, its events) neither
    /// copies its index as it grows nor sets off full garbage collections.
    /// </summary>
    internal sealed class BlockList<T> : IReadOnlyList<T>
    {
        private const int BlockSize = 2048;

        private readonly List<T[]> blocks = new List<T[]>();

        public int Count { get; private set; }

        public T this[int index] => blocks[index / BlockSize][index % BlockSize];

        /// <summary>The item at <paramref name="index"/>, to change in place.</summary>
        public ref T At(int index) => ref blocks[index / BlockSize][index % BlockSize];

        /// <summary>A list of <paramref name="count"/> default items.</summary>
        public static BlockList<T> OfDefaults(int count)
        {
            var list = new BlockList<T>();
            while (list.blocks.Count * BlockSize < count)
            {
                list.blocks.Add(new T[BlockSize]);
            }

            list.Count = count;
            return list;
        }

        public void Add(T item)
        {
            if (Count == blocks.Count * BlockSize)
            {
                blocks.Add(new T[BlockSize]);
            }

            blocks[Count / BlockSize][Count % BlockSize] = item;
            Count++;
        }

        /// <summary>Drops the items from <paramref name="count"/> on.</summary>
        public void Truncate(int count)
        {
            if (count < Count)
            {
                Count = count;
            }
        }

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
