using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using SfnResume.History;

namespace SfnResume.Express
{
    /// <summary>
    /// Saved Step Functions log records, in the forms the tools print them:
    /// <list type="bullet">
    /// <item><c>aws logs filter-log-events</c>: <c>{"events":[{"logStreamName":..., "timestamp":..., "message":"&lt;record&gt;"}]}</c>;</item>
    /// <item><c>aws logs get-query-results</c> (Logs Insights): <c>{"results":[[{"field":"@message","value":"&lt;record&gt;"}, ...]]}</c>;</item>
    /// <item>the Logs Insights console's JSON export: <c>[{"@timestamp":..., "@message":"&lt;record&gt;"}]</c>;</item>
    /// <item>a bare array of records.</item>
    /// </list>
    /// A saved execution history (<c>{"events":[{"timestamp":..., "type":..., "id":...}]}</c>) is told apart by its
    /// first event, which has no <c>message</c>.
    /// </summary>
    public static class LogRecordFile
    {
        private const int Probe = 64 * 1024;

        /// <summary>Whether the file holds log records rather than a history: decided from its first event, without reading it all.</summary>
        public static bool Holds(string path)
        {
            byte[] head;
            bool whole;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                head = new byte[Math.Min(Probe, Math.Max(0, stream.Length))];
                var filled = SavedHistory.Fill(stream, head, 0);
                whole = stream.Length <= filled;
                Array.Resize(ref head, filled);
            }

            try
            {
                return Probed(head, whole);
            }
            catch (JsonException)
            {
                // Not JSON, or cut at the probe's end: the history reader says what is wrong with it.
                return false;
            }
        }

        /// <summary>Every record in the file, of every execution.</summary>
        /// <exception cref="HistoryFormatException">The file is not JSON, or holds something other than records.</exception>
        public static IReadOnlyList<LogRecord> Read(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return Read(stream);
        }

        /// <exception cref="HistoryFormatException">The text is not JSON, or holds something other than records.</exception>
        public static IReadOnlyList<LogRecord> Read(Stream stream)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(stream);
            }
            catch (JsonException e)
            {
                throw new HistoryFormatException("The file is not JSON: " + e.Message, e);
            }

            using (document)
            {
                var records = new List<LogRecord>();
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Array)
                {
                    foreach (var e in events.EnumerateArray())
                    {
                        records.Add(FromMessage(e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var message) ? message : default));
                    }
                }
                else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("results", out var rows) && rows.ValueKind == JsonValueKind.Array)
                {
                    foreach (var row in rows.EnumerateArray())
                    {
                        records.Add(FromMessage(MessageField(row)));
                    }
                }
                else if (root.ValueKind == JsonValueKind.Array)
                {
                    foreach (var e in root.EnumerateArray())
                    {
                        records.Add(e.ValueKind == JsonValueKind.Object && e.TryGetProperty("@message", out var message) ? FromMessage(message) : LogRecordParser.Parse(e));
                    }
                }
                else
                {
                    throw new HistoryFormatException("The file holds no log records: expected the output of aws logs filter-log-events ({\"events\":[{\"message\":...}]}), of aws logs get-query-results ({\"results\":[[...]]}), or an array of records.");
                }

                return records;
            }
        }

        private static LogRecord FromMessage(JsonElement message)
        {
            switch (message.ValueKind)
            {
                case JsonValueKind.String:
                    return LogRecordParser.Parse(message.GetString()!);
                case JsonValueKind.Object:
                    return LogRecordParser.Parse(message);
                default:
                    throw new HistoryFormatException("A log event has no message, or its message is not a Step Functions log record.");
            }
        }

        private static JsonElement MessageField(JsonElement row)
        {
            if (row.ValueKind == JsonValueKind.Array)
            {
                foreach (var field in row.EnumerateArray())
                {
                    if (field.ValueKind == JsonValueKind.Object && field.TryGetProperty("field", out var name) && name.ValueKind == JsonValueKind.String
                        && name.GetString() == "@message" && field.TryGetProperty("value", out var value))
                    {
                        return value;
                    }
                }
            }

            throw new HistoryFormatException("A Logs Insights row has no @message field: query with 'fields @timestamp, @message' to save whole records.");
        }

        private static bool Probed(byte[] head, bool whole)
        {
            var reader = new Utf8JsonReader(head, whole, default);
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                return reader.Read() && reader.TokenType == JsonTokenType.StartObject && FirstObjectHas(ref reader, "@message", "execution_arn");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("results"))
                {
                    return true;
                }

                if (reader.ValueTextEquals("events"))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.StartArray
                        && reader.Read() && reader.TokenType == JsonTokenType.StartObject
                        && FirstObjectHas(ref reader, "message");
                }

                if (!reader.Read() || !reader.TrySkip())
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>Whether the object the reader stands at the start of has one of <paramref name="names"/>.</summary>
        private static bool FirstObjectHas(ref Utf8JsonReader reader, params string[] names)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                foreach (var name in names)
                {
                    if (reader.ValueTextEquals(name))
                    {
                        return true;
                    }
                }

                if (!reader.Read() || !reader.TrySkip())
                {
                    return false;
                }
            }

            return false;
        }
    }
}
