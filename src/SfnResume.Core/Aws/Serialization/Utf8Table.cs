using System;
using System.Runtime.CompilerServices;

namespace SfnResume.Aws.Serialization
{
    /// <summary>
    /// Values kept by short UTF-8 keys and found by hash, without decoding or allocating on a hit: what a long
    /// history repeats (names, small values) is decoded once. Bounded: past <c>maxEntries</c> keys, or for a key
    /// longer than <c>maxKeyLength</c>, nothing more is kept. Not thread-safe.
    /// </summary>
    internal sealed class Utf8Table<T>
    {
        private readonly int maxEntries;
        private readonly int maxKeyLength;

        // Open addressing, at most half full, so a probe ends within a few slots.
        private readonly byte[]?[] keys;
        private readonly T[] values;
        private int count;

        public Utf8Table(int maxEntries, int maxKeyLength)
        {
            this.maxEntries = maxEntries;
            this.maxKeyLength = maxKeyLength;
            var slots = 16;
            while (slots < maxEntries * 2)
            {
                slots *= 2;
            }

            keys = new byte[slots][];
            values = new T[slots];
        }

        public bool TryGet(ReadOnlySpan<byte> key, out T value)
        {
            var slot = Find(key);
            value = values[slot];
            return keys[slot] != null;
        }

        /// <summary>Keeps <paramref name="value"/> for <paramref name="key"/>, unless the table is full or the key too long.</summary>
        public void Add(ReadOnlySpan<byte> key, T value)
        {
            if (count >= maxEntries || key.Length > maxKeyLength)
            {
                return;
            }

            var slot = Find(key);
            if (keys[slot] == null)
            {
                keys[slot] = key.ToArray();
                values[slot] = value;
                count++;
            }
        }

        /// <summary>The slot holding <paramref name="key"/>, or the empty slot where it would go.</summary>
        [MethodImpl(HotPath.Optimized)]
        private int Find(ReadOnlySpan<byte> key)
        {
            // FNV-1a.
            var hash = 2166136261;
            foreach (var b in key)
            {
                hash = (hash ^ b) * 16777619;
            }

            var mask = keys.Length - 1;
            var slot = (int)hash & mask;
            while (keys[slot] is byte[] known && !key.SequenceEqual(known))
            {
                slot = (slot + 1) & mask;
            }

            return slot;
        }
    }
}
