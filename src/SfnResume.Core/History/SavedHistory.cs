using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SfnResume.Aws.Model;
using SfnResume.Aws.Serialization;

namespace SfnResume.History
{
    /// <summary>
    /// Reads a history saved to a file: the GetExecutionHistory response (<c>{"events":[...]}</c>, as the
    /// API, the AWS CLI's get-execution-history and Save-SfnExecutionHistory write it, with epoch-second or
    /// ISO 8601 timestamps), or a bare array of events. Events come back oldest first whatever order the
    /// file holds them in (the CLI's --reverse-order writes them newest first).
    /// </summary>
    public static class SavedHistory
    {
        public static IReadOnlyList<HistoryEvent> Read(Stream stream)
        {
            List<HistoryEvent>? events;
            try
            {
                // One pass straight into events: no DOM of the whole file first (histories reach tens of MB).
                var buffered = stream.CanSeek ? stream : Buffer(stream);
                events = StartsWithArray(buffered)
                    ? JsonSerializer.Deserialize<List<HistoryEvent>>(buffered, SfnJson.Options)
                    : JsonSerializer.Deserialize<HistoryDocument>(buffered, SfnJson.Options)?.Events;
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException || e is NotSupportedException || e is ArgumentException || e is FormatException || e is OverflowException)
            {
                // System.Text.Json reports some malformed text (unpaired surrogates, values of the wrong kind
                // for a converter) with these instead of JsonException; all of them mean a damaged file.
                throw new HistoryFormatException("The file is not valid history JSON: " + e.Message, e);
            }

            if (events == null)
            {
                throw new HistoryFormatException("The file holds no history: expected {\"events\":[...]} (GetExecutionHistory, aws stepfunctions get-execution-history, Save-SfnExecutionHistory) or an array of events.");
            }

            if (events.Count == 0)
            {
                throw new HistoryFormatException("The history in the file has no events.");
            }

            if (events.Any(e => e == null))
            {
                throw new HistoryFormatException("Some events in the file are null; it does not look like a Step Functions history.");
            }

            if (events.Any(e => e.Id <= 0 || string.IsNullOrEmpty(e.Type)))
            {
                throw new HistoryFormatException("Some events in the file have no id or no type; it does not look like a Step Functions history.");
            }

            return events.OrderBy(e => e.Id).ToList();
        }

        private static MemoryStream Buffer(Stream stream)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            return copy;
        }

        /// <summary>Whether the first non-blank character is '[' (a bare array of events); the position is restored.</summary>
        private static bool StartsWithArray(Stream stream)
        {
            var start = stream.Position;
            int next;
            do
            {
                next = stream.ReadByte();
            }
            while (next == ' ' || next == '\t' || next == '\r' || next == '\n' || next == 0xEF || next == 0xBB || next == 0xBF);
            stream.Position = start;
            return next == '[';
        }

        private sealed class HistoryDocument
        {
            public List<HistoryEvent>? Events { get; set; }
        }
    }
}
