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
    /// The one pass over a saved history: reads the file in chunks, checks that all of it is JSON, and
    /// makes each event from its id, type, link and timestamp, indexing its details where they lie in the
    /// file (and keeping a copy of their small values). Only one chunk (and the event being read) is in memory
    /// at a time.
    /// <para>The document is <c>{"events":[...]}</c>, with any other members skipped, or a bare array.
    /// Each member and each event is one unit: when a chunk ends inside one, the reader goes back to the
    /// unit's start and reads it again with more of the file (a larger buffer if one unit outgrows it).</para>
    /// </summary>
    internal sealed class SavedHistoryScanner
    {
        private readonly Stream stream;
        private readonly SavedHistoryFile file;
        private readonly HistoryEventJsonConverter.DetailsReader deferDetails;
        private byte[] buffer;

        // Where buffer[0] lies in the stream, and where in the buffer the current reader's span starts.
        private long bufferPosition;
        private int chunkStart;
        private int chunkEnd;
        private Place place = Place.Start;
        private BlockList<HistoryEvent?>? events;
        private bool startAt;
        private bool states;

        /// <param name="file">Where the details are indexed, and what the events read them from later.</param>
        /// <param name="chunkSize">The first buffer's size: at least 3 bytes, so that the first chunk shows whether the file starts with a byte order mark.</param>
        public SavedHistoryScanner(Stream stream, SavedHistoryFile file, int chunkSize)
        {
            if (chunkSize < 3)
            {
                throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "A chunk holds at least the 3 bytes of a byte order mark.");
            }

            this.stream = stream;
            this.file = file;
            buffer = new byte[chunkSize];
            deferDetails = DeferDetails;
        }

        private enum Place
        {
            Start,
            InDocument,
            InEvents,
            InBareArray,
            Done,
        }

        /// <summary>Whether the document has the members of a state machine definition (StartAt and States) at its top.</summary>
        public bool HoldsDefinition => startAt && states;

        /// <summary>The events in file order (null for a null element), or null when the document has no events member.</summary>
        /// <exception cref="JsonException">Also InvalidOperationException, FormatException: see <see cref="SavedHistory.IsDamage"/>.</exception>
        public BlockList<HistoryEvent?>? Scan()
        {
            bufferPosition = stream.Position;
            var filled = SavedHistory.Fill(stream, buffer, 0);
            var start = StartsWithBom(filled) ? 3 : 0;
            var state = new JsonReaderState(default);
            while (true)
            {
                // Fill stops short of a full buffer only at the end of the stream.
                var atEnd = filled < buffer.Length;
                var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(buffer, start, filled - start), atEnd, state);
                chunkStart = start;
                chunkEnd = filled;
                ReadUnits(ref reader);
                if (atEnd)
                {
                    return place == Place.Done ? events : throw new JsonException("The file ends before the history does.");
                }

                // Keep what the reader did not finish, and read on after it.
                var consumed = start + (int)reader.BytesConsumed;
                state = reader.CurrentState;
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
                bufferPosition += consumed;
                start = 0;
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                filled = SavedHistory.Fill(stream, buffer, filled);
            }
        }

        /// <summary>Reads every whole unit the buffer holds; returns on the start of the first one it does not hold.</summary>
        [MethodImpl(HotPath.Optimized)]
        private void ReadUnits(ref Utf8JsonReader reader)
        {
            while (true)
            {
                var unitStart = reader;
                var indexed = file.Index.Mark;
                if (!ReadUnit(ref reader))
                {
                    reader = unitStart;
                    file.Index.RollBack(indexed);
                    return;
                }
            }
        }

        [MethodImpl(HotPath.Optimized)]
        private bool ReadUnit(ref Utf8JsonReader reader)
        {
            if (!reader.Read())
            {
                return false;
            }

            switch (place)
            {
                case Place.Start:
                    place = reader.TokenType == JsonTokenType.StartArray ? Place.InBareArray
                        : reader.TokenType == JsonTokenType.StartObject ? Place.InDocument
                        : throw new JsonException($"Expected {{\"events\":[...]}} or an array of events, found {reader.TokenType}.");
                    events = place == Place.InBareArray ? new BlockList<HistoryEvent?>() : null;
                    return true;

                case Place.InDocument:
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        place = Place.Done;
                        return true;
                    }

                    return ReadDocumentMember(ref reader);

                case Place.InEvents:
                case Place.InBareArray:
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        place = place == Place.InEvents ? Place.InDocument : Place.Done;
                        return true;
                    }

                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        events!.Add(null);
                        return true;
                    }

                    if (!HistoryEventJsonConverter.TryReadEvent(ref reader, SfnJson.Options, deferDetails, file.Names, out var historyEvent))
                    {
                        return false;
                    }

                    events!.Add(historyEvent);
                    return true;

                default:
                    // The reader itself throws on a second value after the document; this is a guard.
                    throw new JsonException("The file holds more after the history ends.");
            }
        }

        /// <summary>The events member (case aside, as the serializer matches it), or another member, skipped.</summary>
        private bool ReadDocumentMember(ref Utf8JsonReader reader)
        {
            var isEvents = reader.ValueTextEquals("events"u8) || string.Equals(reader.GetString(), "events", StringComparison.OrdinalIgnoreCase);

            // Noted to tell a definition given where a history belongs from other JSON (a unit re-read notes it again).
            startAt |= reader.ValueTextEquals("StartAt"u8);
            states |= reader.ValueTextEquals("States"u8);
            if (!reader.Read())
            {
                return false;
            }

            if (!isEvents)
            {
                return reader.TrySkip();
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    events = new BlockList<HistoryEvent?>();
                    place = Place.InEvents;
                    return true;
                case JsonTokenType.Null:
                    events = null;
                    return true;
                default:
                    throw new JsonException($"'events' must be an array of events, found {reader.TokenType}.");
            }
        }

        /// <summary>Indexes the details object's members, leaving their values where they lie in the stream.</summary>
        private bool DeferDetails(ref Utf8JsonReader reader, HistoryEvent target, JsonSerializerOptions options)
        {
            var first = file.Index.MemberCount;
            if (!SavedEventDetails.Index(ref reader, new ReadOnlySpan<byte>(buffer, chunkStart, chunkEnd - chunkStart), bufferPosition + chunkStart, file.Names, file.Index))
            {
                return false;
            }

            if (file.Kept != null)
            {
                KeepOutput(first);
            }

            target.DeferDetails(file, file.Index.CloseDetails(first));
            return true;
        }

        /// <summary>Copies the output of the details just indexed (from member <paramref name="first"/> on) if the file keeps its state's.</summary>
        private void KeepOutput(int first)
        {
            DetailsMember? output = null;
            string? name = null;
            for (var i = first; i < file.Index.MemberCount; i++)
            {
                var member = file.Index[i];
                if (member.Kind == DetailsMemberKind.Output && member.Token == JsonTokenType.String)
                {
                    output = member;
                }
                else if (member.Kind == DetailsMemberKind.Name && member.IsStored && member.Token == JsonTokenType.String)
                {
                    var reader = new Utf8JsonReader(file.Index.StoredBytes(member));
                    reader.Read();
                    name = file.Names.Get(ref reader);
                }
            }

            if (output is DetailsMember kept && file.Kept!.Keeps(name))
            {
                var chunkPosition = bufferPosition + chunkStart;
                file.Kept.Keep(new ReadOnlySpan<byte>(buffer, chunkStart + (int)(kept.Start - chunkPosition), kept.Length), kept.Start);
            }
        }

        private bool StartsWithBom(int filled) => filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF;
    }
}
