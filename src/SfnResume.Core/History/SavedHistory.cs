using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SfnResume.Aws.Model;
using SfnResume.Json;

namespace SfnResume.History
{
    /// <summary>
    /// Reads a history saved to a file: the GetExecutionHistory response (<c>{"events":[...]}</c>, as the
    /// API, the AWS CLI's get-execution-history and Save-SfnExecutionHistory write it, with epoch-second or
    /// ISO 8601 timestamps), or a bare array of events. Events come back oldest first whatever order the
    /// file holds them in (the CLI's --reverse-order writes them newest first).
    /// <para>One pass over the file (<see cref="SavedHistoryScanner"/>) reads each event's id, type, link and
    /// timestamp and checks that all of it is JSON. The details stay indexed until something asks for them
    /// (<see cref="HistoryEvent.Details"/>), and their payloads (inputs, outputs: most of the file) stay in
    /// the file until read, so analysing a
    /// 25,000-event history costs about what loading it into a JSON DOM does, in less memory.</para>
    /// </summary>
    public static class SavedHistory
    {
        private const int ChunkSize = 64 * 1024;

        /// <summary>Reads a history from a stream the caller closes: its bytes are kept in memory for the details.</summary>
        /// <exception cref="HistoryFormatException">The stream does not hold a history; also thrown later, by
        /// <see cref="HistoryEvent.Details"/>, when an event's details turn out not to be event details.</exception>
        public static IReadOnlyList<HistoryEvent> Read(Stream stream)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            return Scan(new SavedHistoryFile(copy), copy, ChunkSize).Events;
        }

        /// <summary>
        /// Opens a saved history file for an analysis, leaving the details in the file until asked for.
        /// Dispose the result once the answer is built.
        /// </summary>
        /// <exception cref="HistoryFormatException">The file does not hold a history.</exception>
        /// <param name="keepOutputsOf">States whose outputs the scan copies as it passes them (see <see cref="KeptOutputs"/>).</param>
        internal static SavedHistoryFile Open(string path, IEnumerable<string>? keepOutputsOf = null, int chunkSize = ChunkSize)
        {
            // Unbuffered: the scanner and the details reader keep buffers of their own.
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            var file = new SavedHistoryFile(stream) { Kept = keepOutputsOf == null ? null : new KeptOutputs(keepOutputsOf) };
            try
            {
                return Scan(file, stream, chunkSize);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Whether an exception from System.Text.Json means damaged text. Besides JsonException it reports some
        /// malformed text (unpaired surrogates, values of the wrong kind for a converter) with these. A closed file
        /// (ObjectDisposedException, an InvalidOperationException) is not damage.
        /// </summary>
        internal static bool IsDamage(Exception e)
            => (e is JsonException || e is InvalidOperationException || e is NotSupportedException || e is ArgumentException || e is FormatException || e is OverflowException)
                && !(e is ObjectDisposedException);

        /// <summary>
        /// Reads into <paramref name="buffer"/> after its first <paramref name="filled"/> bytes until it holds
        /// <paramref name="size"/> bytes (all of it by default) or the stream ends, since a stream may return fewer bytes than asked
        /// for; returns how many it holds.
        /// </summary>
        internal static int Fill(Stream stream, byte[] buffer, int filled, int size = -1)
        {
            size = size < 0 ? buffer.Length : size;
            int read;
            while (filled < size && (read = stream.Read(buffer, filled, size - filled)) > 0)
            {
                filled += read;
            }

            return filled;
        }

        /// <summary>Scans the stream into <paramref name="file"/>'s events, checking they make a history.</summary>
        /// <param name="chunkSize">The scanner's first buffer size; it grows when one event or member outgrows it.</param>
        internal static SavedHistoryFile Scan(SavedHistoryFile file, Stream stream, int chunkSize)
        {
            BlockList<HistoryEvent?>? events;
            var scanner = new SavedHistoryScanner(stream, file, chunkSize);
            try
            {
                events = scanner.Scan();
            }
            catch (Exception e) when (IsDamage(e))
            {
                // Said as an editor shows the file (line and column from 1), and "empty" for an empty file.
                var what = JsonSyntax.Describe(e, stream);
                throw new HistoryFormatException(JsonSyntax.IsBlank(stream) ? "The file is empty." : $"The file is not valid history JSON: {what}.", e);
            }

            if (events == null && scanner.HoldsDefinition)
            {
                throw HistoryFormatException.Definition();
            }

            if (events == null)
            {
                throw new HistoryFormatException("The file holds no history: expected {\"events\":[...]} as GetExecutionHistory answers (aws stepfunctions get-execution-history writes it so), or an array of events.");
            }

            if (events.Count == 0)
            {
                throw new HistoryFormatException("The history in the file has no events.");
            }

            if (events.Any(e => e == null))
            {
                throw new HistoryFormatException("Some events in the file are null; it does not look like a Step Functions history.");
            }

            if (events.Any(e => e!.Id <= 0 || string.IsNullOrEmpty(e.Type)))
            {
                throw new HistoryFormatException("Some events in the file have no id or no type; it does not look like a Step Functions history.");
            }

            file.Events = InIdOrder(events!);
            return file;
        }

        /// <summary>Oldest first. Files hold events in id order or its reverse, so sorting is rarely needed.</summary>
        private static IReadOnlyList<HistoryEvent> InIdOrder(BlockList<HistoryEvent> events)
        {
            bool ascending = true, descending = true;
            for (var i = 1; i < events.Count && (ascending || descending); i++)
            {
                ascending &= events[i - 1].Id <= events[i].Id;
                descending &= events[i - 1].Id > events[i].Id;
            }

            if (ascending)
            {
                return events;
            }

            if (descending)
            {
                var reversed = new BlockList<HistoryEvent>();
                for (var i = events.Count - 1; i >= 0; i--)
                {
                    reversed.Add(events[i]);
                }

                return reversed;
            }

            return events.OrderBy(e => e.Id).ToList();
        }
    }
}
