using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SfnResume.Aws.Model;
using SfnResume.Aws.Serialization;

namespace SfnResume.History
{
    /// <summary>
    /// A saved history kept open while it is analysed. Its events hold only a key to their details, and
    /// the scan's <see cref="Index"/> says where each details member lies; details and payloads are read from the file
    /// the first time they are asked for (see <see cref="SavedHistory"/>). Disposing closes the file:
    /// details not read by then can no longer be. Like the events it serves, it is for one thread at a time.
    /// </summary>
    internal sealed class SavedHistoryFile : IEventBytes, IDisposable
    {
        // Reads go through one window of the file: an analysis walks the history event by event, so most
        // details it asks for lie next to the last ones read.
        private const int WindowSize = 64 * 1024;

        // Sparse reads (one payload every few events, as a Map's outputs) load less: the next window is twice what
        // was read from the last one, from this size up to WindowSize.
        private const int SmallestWindow = 4 * 1024;

        private readonly Stream stream;

        private byte[] window = Array.Empty<byte>();
        private long windowStart;
        private int windowLength;
        private int readFromWindow;
        private bool disposed;

        public SavedHistoryFile(Stream stream)
        {
            this.stream = stream;
        }

        /// <summary>The events, oldest first; set once the file has been scanned.</summary>
        public IReadOnlyList<HistoryEvent> Events { get; internal set; } = Array.Empty<HistoryEvent>();

        /// <summary>Where the details members lie: filled by the scan, read by <see cref="ReadDetails"/>.</summary>
        internal SavedDetailsIndex Index { get; } = new SavedDetailsIndex();

        /// <summary>One string per distinct type, member name and state name, for the scan and the details alike.</summary>
        internal Utf8NameTable Names { get; } = new Utf8NameTable();

        /// <summary>
        /// One value per distinct small member the model does not name (<c>{"truncated":false}</c>, a region): a
        /// history repeats a few of them on most events. Shared, as a cloned JsonElement is immutable.
        /// </summary>
        internal Utf8Table<JsonElement> SmallValues { get; } = new Utf8Table<JsonElement>(256, 128);

        /// <exception cref="HistoryFormatException">The object is JSON but not event details (a value of the wrong kind).</exception>
        /// <exception cref="ObjectDisposedException">The file was closed before the details were read.</exception>
        [MethodImpl(HotPath.Optimized)]
        public HistoryEventDetails ReadDetails(HistoryEvent owner, int key)
        {
            // Most details are built from what the scan kept, but their payloads would still be read from the file.
            ThrowIfDisposed();
            try
            {
                var (first, end) = Index.MembersOf(key);
                LoadUnstored(first, end, others: false);
                return SavedEventDetails.Build(this, key, first, end);
            }
            catch (Exception e) when (SavedHistory.IsDamage(e))
            {
                throw Damaged(owner, e.Message, e);
            }
        }

        /// <exception cref="HistoryFormatException">The name is not a string.</exception>
        public string? ReadName(HistoryEvent owner, int key)
        {
            var member = Find(key, DetailsMemberKind.Name);
            if (member == null)
            {
                return null;
            }

            var reader = SmallValue(member.Value);
            return reader.TokenType == JsonTokenType.String ? Names.Get(ref reader) : reader.TokenType == JsonTokenType.Null ? null : throw Damaged(owner, "name", reader.TokenType);
        }

        /// <exception cref="HistoryFormatException">The index is not a whole number.</exception>
        public int? ReadIndex(HistoryEvent owner, int key)
        {
            var member = Find(key, DetailsMemberKind.Index);
            if (member == null)
            {
                return null;
            }

            var reader = SmallValue(member.Value);
            return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var index) ? index : reader.TokenType == JsonTokenType.Null ? (int?)null : throw Damaged(owner, "index", reader.TokenType);
        }

        /// <exception cref="HistoryFormatException">The output is neither a string nor null.</exception>
        public LazyPayload ReadOutput(HistoryEvent owner, int key)
        {
            var member = Find(key, DetailsMemberKind.Output);
            if (member == null)
            {
                return default;
            }

            return member.Value.Token == JsonTokenType.String || member.Value.Token == JsonTokenType.Null
                ? SavedEventDetails.Payload(member.Value, this)
                : throw Damaged(owner, "output", member.Value.Token);
        }

        /// <exception cref="HistoryFormatException">The outputDetails member changed since the scan and is no longer JSON.</exception>
        public bool OutputTruncated(HistoryEvent owner, int key)
        {
            var (first, end) = Index.MembersOf(key);
            for (var i = first; i < end; i++)
            {
                var member = Index[i];
                if (member.Kind == DetailsMemberKind.Other && member.Token == JsonTokenType.StartObject && Index.NameOf(member.OtherName) == "outputDetails")
                {
                    try
                    {
                        return SavedEventDetails.SaysTruncated(member.IsStored ? Index.StoredBytes(member) : Bytes(member.Start, member.Length));
                    }
                    catch (Exception e) when (SavedHistory.IsDamage(e))
                    {
                        throw Damaged(owner, e.Message, e);
                    }
                }
            }

            return false;
        }

        public bool AssignsVariables(HistoryEvent owner, int key)
        {
            // "{}" is none; anything longer names at least one (what they are is read with the details).
            var member = Find(key, DetailsMemberKind.AssignedVariables);
            return member is DetailsMember assigned && assigned.Token == JsonTokenType.StartObject && assigned.Length > 2;
        }

        /// <exception cref="HistoryFormatException">A value that changed since the scan and is no longer JSON.</exception>
        /// <exception cref="ObjectDisposedException">The file was closed before the members were read.</exception>
        public Dictionary<string, JsonElement>? ReadOtherMembers(int key)
        {
            ThrowIfDisposed();
            var (first, end) = Index.MembersOf(key);
            try
            {
                LoadUnstored(first, end, others: true);
                return SavedEventDetails.BuildOtherMembers(this, first, end);
            }
            catch (Exception e) when (SavedHistory.IsDamage(e))
            {
                throw new HistoryFormatException($"The file is not valid history JSON: a details member changed after the file was scanned: {e.Message}", e);
            }
        }

        /// <exception cref="HistoryFormatException">Text the scan passed over: an escaped lone surrogate, or bytes that are not UTF-8.</exception>
        /// <exception cref="ObjectDisposedException">The file was closed before the text was read.</exception>
        public string? ReadString(long start, int length) => DecodeString(Bytes(start, length), start);

        /// <exception cref="ObjectDisposedException">The file was closed before the payload was copied.</exception>
        public IPayloadBytes Detach(long start, int length)
            => Kept != null && Kept.TryDetach(start, out var kept) ? kept : new DetachedPayload(Bytes(start, length).ToArray(), 0, start);

        /// <summary>The outputs the scan copied as it passed them, if it was asked to keep any.</summary>
        internal KeptOutputs? Kept { get; set; }

        /// <summary>Decodes a JSON string token that lay at <paramref name="start"/> in the file.</summary>
        /// <exception cref="HistoryFormatException">Text the scan passed over: an escaped lone surrogate, or bytes that are not UTF-8.</exception>
        internal static string? DecodeString(ReadOnlySpan<byte> token, long start)
        {
            try
            {
                var reader = new Utf8JsonReader(token);
                reader.Read();
                return reader.GetString();
            }
            catch (Exception e) when (SavedHistory.IsDamage(e))
            {
                throw new HistoryFormatException($"The file is not valid history JSON: the text at byte {start} is not Unicode: {e.Message}", e);
            }
        }

        public void Dispose()
        {
            disposed = true;
            window = Array.Empty<byte>();
            stream.Dispose();
        }

        private DetailsMember? Find(int key, DetailsMemberKind kind)
        {
            ThrowIfDisposed();
            var (first, end) = Index.MembersOf(key);
            for (var i = first; i < end; i++)
            {
                if (Index[i].Kind == kind)
                {
                    return Index[i];
                }
            }

            return null;
        }

        /// <summary>A reader on a small value the scan kept, or on its bytes in the file.</summary>
        private Utf8JsonReader SmallValue(DetailsMember member)
        {
            var reader = new Utf8JsonReader(member.IsStored ? Index.StoredBytes(member) : Bytes(member.Start, member.Length));
            reader.Read();
            return reader;
        }

        private static HistoryFormatException Damaged(HistoryEvent owner, string member, JsonTokenType found)
            => Damaged(owner, $"its '{member}' is {found}, not what the API writes.", null);

        /// <summary>Damage in the details of <paramref name="owner"/>, named as the user can find it in the file.</summary>
        private static HistoryFormatException Damaged(HistoryEvent owner, string what, Exception? cause)
            => new HistoryFormatException($"The file is not valid history JSON: the {owner.DetailsName} of event {owner.Id} ({owner.Type}): {what}", cause);

        /// <summary>The bytes at the given place, valid until the next call.</summary>
        internal ReadOnlySpan<byte> Bytes(long start, int length)
        {
            if (start < windowStart || start + length > windowStart + windowLength)
            {
                Load(start, length);
            }
            else
            {
                readFromWindow = Math.Min(WindowSize, readFromWindow + length);
            }

            return new ReadOnlySpan<byte>(window, (int)(start - windowStart), length);
        }

        private void ThrowIfDisposed()
        {
            if (disposed)
            {
                throw new ObjectDisposedException(nameof(SavedHistoryFile), "The saved history was closed before this event's details were read.");
            }
        }

        /// <summary>
        /// Loads the values of a details object that the scan did not keep (large ones; payloads aside), those the
        /// model names or the <paramref name="others"/>, in one window: loaded one by one, a walk back would place
        /// the window before the first and load it again for the next.
        /// </summary>
        private void LoadUnstored(int first, int end, bool others)
        {
            long start = long.MaxValue, stop = 0;
            for (var i = first; i < end; i++)
            {
                var member = Index[i];
                if (!member.IsStored && !SavedEventDetails.IsPayload(member.Kind) && (member.Kind == DetailsMemberKind.Other) == others)
                {
                    start = Math.Min(start, member.Start);
                    stop = Math.Max(stop, member.End);
                }
            }

            if (stop > start && stop - start <= WindowSize)
            {
                Bytes(start, (int)(stop - start));
            }
        }

        /// <summary>
        /// Fills the window with the range at its far end from where the last window lay: a walk back through
        /// the history then reads each part of the file once, and so does a walk forward. Its size follows how
        /// much of the last window was read (see <see cref="SmallestWindow"/>).
        /// </summary>
        private void Load(long start, int length)
        {
            ThrowIfDisposed();
            if (window.Length < Math.Max(WindowSize, length))
            {
                window = new byte[Math.Max(WindowSize, length)];
            }

            // Reads moving forward a little past the last window (a Map record reading its iterations' outputs,
            // one every few kilobytes) take a whole window: sized by the one payload read, each would be a read.
            var end = windowStart + windowLength;
            var forward = windowLength > 0 && start >= end && start - end < WindowSize;
            var size = windowLength == 0 || forward ? WindowSize : Math.Max(SmallestWindow, Math.Min(WindowSize, 2 * readFromWindow));
            size = Math.Max(size, length);
            var walkingBack = start < windowStart;
            windowStart = walkingBack ? Math.Max(0, start + length - size) : start;
            stream.Position = windowStart;
            windowLength = SavedHistory.Fill(stream, window, 0, size);
            readFromWindow = length;

            if (start + length > windowStart + windowLength)
            {
                throw new HistoryFormatException($"The file ended before byte {start + length}: it changed while it was being read.");
            }
        }
    }
}
