using System;
using System.Collections.Generic;

namespace SfnResume.History
{
    /// <summary>
    /// What the scan of a saved history learns about its details objects: every member, in file order, with
    /// where its value lies (<see cref="SavedEventDetails.Index"/> adds them), grouped by details object.
    /// Each details object is known by a key its event keeps.
    /// </summary>
    internal sealed class SavedDetailsIndex
    {
        /// <summary>The longest value <see cref="Store"/> keeps: names, resources, flags, indexes, most variables.</summary>
        public const int MaxStoredLength = 512;

        // Under the large-object threshold, like BlockList's blocks.
        private const int StoreBlockSize = 64 * 1024;

        private readonly BlockList<DetailsMember> members = new BlockList<DetailsMember>();
        private readonly BlockList<int> firstMembers = new BlockList<int>();

        // Members the model does not name (inputDetails, roleArn, ...) keep their name by number.
        private readonly List<string> otherNames = new List<string>();
        private readonly Dictionary<string, int> otherNameNumbers = new Dictionary<string, int>(StringComparer.Ordinal);

        // The small values the scan copied: the analysis asks for the details of thousands of events (a Map's
        // iterations), and reading their names from the file again would read most of it again.
        private readonly List<byte[]> storeBlocks = new List<byte[]>();
        private long stored;

        public int MemberCount => members.Count;

        /// <summary>How much has been indexed, to roll back to when an event is read again with more of the file.</summary>
        public (int Members, int Details, long Stored) Mark => (members.Count, firstMembers.Count, stored);

        public DetailsMember this[int member] => members[member];

        public void Add(DetailsMember member) => members.Add(member);

        /// <summary>Closes the details object whose members were added from <paramref name="firstMember"/> on; returns its key.</summary>
        public int CloseDetails(int firstMember)
        {
            firstMembers.Add(firstMember);
            return firstMembers.Count - 1;
        }

        /// <summary>The members of the details object known by <paramref name="key"/>: from First up to End.</summary>
        public (int First, int End) MembersOf(int key)
            => (firstMembers[key], key + 1 < firstMembers.Count ? firstMembers[key + 1] : members.Count);

        public void RollBack((int Members, int Details, long Stored) mark)
        {
            members.Truncate(mark.Members);
            firstMembers.Truncate(mark.Details);
            stored = mark.Stored;
        }

        /// <summary>Keeps a copy of a value of at most <see cref="MaxStoredLength"/> bytes; returns where it is kept.</summary>
        public long Store(ReadOnlySpan<byte> value)
        {
            var offset = (int)(stored % StoreBlockSize);
            if (offset + value.Length > StoreBlockSize)
            {
                // Values do not straddle blocks.
                stored += StoreBlockSize - offset;
                offset = 0;
            }

            var block = (int)(stored / StoreBlockSize);
            if (block == storeBlocks.Count)
            {
                storeBlocks.Add(new byte[StoreBlockSize]);
            }

            value.CopyTo(new Span<byte>(storeBlocks[block], offset, value.Length));
            var at = stored;
            stored += value.Length;
            return at;
        }

        /// <summary>The bytes of a stored member's value.</summary>
        public ReadOnlySpan<byte> StoredBytes(DetailsMember member)
            => new ReadOnlySpan<byte>(storeBlocks[(int)(member.Start / StoreBlockSize)], (int)(member.Start % StoreBlockSize), member.Length);

        public bool TryNumberOf(string otherName, out int number) => otherNameNumbers.TryGetValue(otherName, out number);

        public int NumberOf(string otherName)
        {
            if (!TryNumberOf(otherName, out var number))
            {
                number = otherNames.Count;
                otherNames.Add(otherName);
                otherNameNumbers.Add(otherName, number);
            }

            return number;
        }

        public string NameOf(int otherName) => otherNames[otherName];
    }
}
