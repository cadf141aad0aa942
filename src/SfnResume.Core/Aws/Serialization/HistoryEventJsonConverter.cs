using System;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using SfnResume.Aws.Model;

namespace SfnResume.Aws.Serialization
{
    /// <summary>
    /// Reads and writes <see cref="HistoryEvent"/> in the GetExecutionHistory wire format, taking any member
    /// whose name ends in <c>EventDetails</c> as the event's details.
    /// </summary>
    internal sealed class HistoryEventJsonConverter : JsonConverter<HistoryEvent>
    {
        private static readonly DetailsReader ReadDetailsNow = (ref Utf8JsonReader reader, HistoryEvent target, JsonSerializerOptions options) =>
        {
            target.Details = JsonSerializer.Deserialize<HistoryEventDetails>(ref reader, options);
            return true;
        };

        /// <summary>
        /// What to do with an event's details member: the reader stands on its StartObject and is left on its
        /// EndObject. False when the reader's buffer ends inside it (a file read in chunks).
        /// </summary>
        internal delegate bool DetailsReader(ref Utf8JsonReader reader, HistoryEvent target, JsonSerializerOptions options);

        public override HistoryEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            // The serializer hands a converter the whole value, so the event cannot be cut short here.
            return TryReadEvent(ref reader, options, ReadDetailsNow, null, out var historyEvent)
                ? historyEvent!
                : throw new JsonException("The history event ends before its closing brace.");
        }

        /// <summary>
        /// Reads one event, member by member, handing its details member to <paramref name="readDetails"/>:
        /// API pages read them at once, saved files only when an analysis asks (<c>SavedHistory</c>).
        /// </summary>
        /// <param name="names">Shares one string per distinct type and details name across a document; null allocates each.</param>
        /// <returns>False when the reader's buffer ends inside the event: the caller rewinds and reads on with more data.</returns>
        [MethodImpl(HotPath.Optimized)]
        internal static bool TryReadEvent(ref Utf8JsonReader reader, JsonSerializerOptions options, DetailsReader readDetails, Utf8NameTable? names, out HistoryEvent? historyEvent)
        {
            historyEvent = null;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"A history event must be a JSON object, found {reader.TokenType}.");
            }

            var read = new HistoryEvent();
            while (true)
            {
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    historyEvent = read;
                    return true;
                }

                // Member names compared as UTF-8: a long history has tens of thousands of events.
                var member = reader.ValueTextEquals("timestamp"u8) ? Member.Timestamp
                    : reader.ValueTextEquals("type"u8) ? Member.Type
                    : reader.ValueTextEquals("id"u8) ? Member.Id
                    : reader.ValueTextEquals("previousEventId"u8) ? Member.PreviousEventId
                    : Member.Other;
                var otherName = member == Member.Other ? names?.Get(ref reader) ?? reader.GetString() ?? string.Empty : null;
                if (!reader.Read())
                {
                    return false;
                }

                switch (member)
                {
                    case Member.Timestamp:
                        read.Timestamp = SfnJson.Timestamps.Read(ref reader, typeof(DateTime), options);
                        break;
                    case Member.Type:
                        read.Type = names?.Get(ref reader) ?? reader.GetString() ?? string.Empty;
                        break;
                    case Member.Id:
                        read.Id = reader.GetInt64();
                        break;
                    case Member.PreviousEventId:
                        read.PreviousEventId = reader.TokenType == JsonTokenType.Null ? 0 : reader.GetInt64();
                        break;
                    default:
                        if (otherName!.EndsWith("EventDetails", StringComparison.Ordinal) && reader.TokenType == JsonTokenType.StartObject)
                        {
                            read.DetailsName = otherName;
                            if (!readDetails(ref reader, read, options))
                            {
                                return false;
                            }
                        }
                        else if (!reader.TrySkip())
                        {
                            return false;
                        }

                        break;
                }
            }
        }

        public override void Write(Utf8JsonWriter writer, HistoryEvent value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("timestamp");
            SfnJson.Timestamps.Write(writer, value.Timestamp, options);
            writer.WriteString("type", value.Type);
            writer.WriteNumber("id", value.Id);
            writer.WriteNumber("previousEventId", value.PreviousEventId);
            if (value.DetailsName != null && value.Details != null)
            {
                writer.WritePropertyName(value.DetailsName);
                JsonSerializer.Serialize(writer, value.Details, options);
            }

            writer.WriteEndObject();
        }

        private enum Member
        {
            Timestamp,
            Type,
            Id,
            PreviousEventId,
            Other,
        }
    }
}
