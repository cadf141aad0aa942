using System;
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
        private const string DetailsSuffix = "EventDetails";

        public override HistoryEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"A history event must be a JSON object, found {reader.TokenType}.");
            }

            var historyEvent = new HistoryEvent();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var member = reader.GetString() ?? string.Empty;
                reader.Read();
                switch (member)
                {
                    case "timestamp":
                        historyEvent.Timestamp = SfnJson.Timestamps.Read(ref reader, typeof(DateTime), options);
                        break;
                    case "type":
                        historyEvent.Type = reader.GetString() ?? string.Empty;
                        break;
                    case "id":
                        historyEvent.Id = reader.GetInt64();
                        break;
                    case "previousEventId":
                        historyEvent.PreviousEventId = reader.TokenType == JsonTokenType.Null ? 0 : reader.GetInt64();
                        break;
                    default:
                        if (member.EndsWith(DetailsSuffix, StringComparison.Ordinal) && reader.TokenType == JsonTokenType.StartObject)
                        {
                            historyEvent.DetailsName = member;
                            historyEvent.Details = JsonSerializer.Deserialize<HistoryEventDetails>(ref reader, options);
                        }
                        else
                        {
                            reader.Skip();
                        }

                        break;
                }
            }

            return historyEvent;
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
    }
}
