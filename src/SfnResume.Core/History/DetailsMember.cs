using System.Text.Json;

namespace SfnResume.History
{
    /// <summary>
    /// One member of an event's details in a saved history: which it is, and where its value lies in the file.
    /// It holds no reference, so the index of a long history is one block the garbage collector need not scan.
    /// </summary>
    internal readonly struct DetailsMember
    {
        public DetailsMember(DetailsMemberKind kind, int otherName, JsonTokenType token, long start, int length, bool isStored)
        {
            Kind = kind;
            OtherName = otherName;
            Token = token;
            Start = start;
            Length = length;
            IsStored = isStored;
        }

        public DetailsMemberKind Kind { get; }

        /// <summary>For <see cref="DetailsMemberKind.Other"/>: the member's name as written, by its number in the file's list of names.</summary>
        public int OtherName { get; }

        /// <summary>The value's first token: a string, a number, null, the start of an object or array.</summary>
        public JsonTokenType Token { get; }

        /// <summary>
        /// Where the value starts (a string's opening quote): in the file, or where <see cref="IsStored"/> says, in
        /// the index's store.
        /// </summary>
        public long Start { get; }

        public int Length { get; }

        public long End => Start + Length;

        /// <summary>Whether the scan kept a copy of the value (<see cref="SavedDetailsIndex.Store"/>), so that building the details reads no file.</summary>
        public bool IsStored { get; }
    }
}
