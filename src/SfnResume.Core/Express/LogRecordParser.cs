using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using SfnResume.Aws.Model;
using SfnResume.Aws.Serialization;
using SfnResume.History;

namespace SfnResume.Express
{
    /// <summary>
    /// Turns a Step Functions log record (<c>{"id": "2", "type": "...", "details": {...}, "previous_event_id": "1",
    /// "event_timestamp": "&lt;epoch ms&gt;", "execution_arn": "...", "redrive_count": "0"}</c>: numbers as strings,
    /// details without their wrapper name) into the history event GetExecutionHistory would give.
    /// </summary>
    public static class LogRecordParser
    {
        // Payload members a record carries as JSON text; a record read back from a tool that parsed them (a
        // console export) holds them as JSON values, which are turned back into the text they were.
        private static readonly string[] PayloadMembers = { "input", "output", "parameters", "cause" };

        /// <exception cref="HistoryFormatException">The text is not a Step Functions log record.</exception>
        public static LogRecord Parse(string message)
        {
            try
            {
                using var document = JsonDocument.Parse(message);
                return Parse(document.RootElement);
            }
            catch (JsonException e)
            {
                throw new HistoryFormatException("A log record is not JSON: " + e.Message, e);
            }
        }

        /// <exception cref="HistoryFormatException">The value is not a Step Functions log record.</exception>
        public static LogRecord Parse(JsonElement record)
        {
            if (record.ValueKind != JsonValueKind.Object)
            {
                throw new HistoryFormatException($"A log record must be a JSON object, found {record.ValueKind}.");
            }

            var type = Text(record, "type") ?? throw Missing("type");
            var id = Number(record, "id") ?? throw Missing("id");
            var arn = Text(record, "execution_arn") ?? throw Missing("execution_arn");
            var historyEvent = new HistoryEvent
            {
                Id = id,
                Type = type,
                PreviousEventId = Number(record, "previous_event_id") ?? 0,
                Timestamp = Number(record, "event_timestamp") is long ms
                    ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime
                    : throw Missing("event_timestamp"),
            };

            var truncated = false;
            if (record.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object)
            {
                truncated = Truncated(details, "inputDetails") || Truncated(details, "outputDetails");
                historyEvent.DetailsName = DetailsMemberNames.For(type);
                historyEvent.Details = ReadDetails(details, truncated, id);
            }

            return new LogRecord(arn, historyEvent, truncated);
        }

        private static HistoryEventDetails ReadDetails(JsonElement details, bool truncated, long id)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var member in details.EnumerateObject())
                {
                    var payload = Array.IndexOf(PayloadMembers, member.Name) >= 0;
                    if (payload && truncated && (member.Name == "input" || member.Name == "output"))
                    {
                        // Cut short, it is not JSON: no payload says "unknown" where a cut one would mislead.
                        continue;
                    }

                    if (payload && member.Value.ValueKind != JsonValueKind.String && member.Value.ValueKind != JsonValueKind.Null)
                    {
                        writer.WriteString(member.Name, member.Value.GetRawText());
                    }
                    else if (member.Name == "assignedVariables" && member.Value.ValueKind == JsonValueKind.Object)
                    {
                        writer.WriteStartObject(member.Name);
                        foreach (var variable in member.Value.EnumerateObject())
                        {
                            if (variable.Value.ValueKind == JsonValueKind.String)
                            {
                                variable.WriteTo(writer);
                            }
                            else
                            {
                                writer.WriteString(variable.Name, variable.Value.GetRawText());
                            }
                        }

                        writer.WriteEndObject();
                    }
                    else
                    {
                        member.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }

            try
            {
                return JsonSerializer.Deserialize<HistoryEventDetails>(buffer.ToArray(), SfnJson.Options) ?? new HistoryEventDetails();
            }
            catch (JsonException e)
            {
                throw new HistoryFormatException($"The details of log record {id} are not event details: {e.Message}", e);
            }
        }

        private static bool Truncated(JsonElement details, string member)
            => details.TryGetProperty(member, out var about) && about.ValueKind == JsonValueKind.Object
                && about.TryGetProperty("truncated", out var truncated) && truncated.ValueKind == JsonValueKind.True;

        private static string? Text(JsonElement record, string name)
            => record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        /// <summary>A number the record writes as a string ("2"), or as a number.</summary>
        private static long? Number(JsonElement record, string name)
        {
            if (!record.TryGetProperty(name, out var value))
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
            {
                return number;
            }

            if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
            {
                return number;
            }

            throw new HistoryFormatException($"The log record's {name} is not a whole number: {value.GetRawText()}.");
        }

        private static HistoryFormatException Missing(string name)
            => new HistoryFormatException($"The text is not a Step Functions log record: it has no {name}.");
    }
}
