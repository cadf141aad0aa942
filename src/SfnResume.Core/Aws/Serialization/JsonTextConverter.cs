using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SfnResume.Aws.Serialization
{
    /// <summary>
    /// Reads a member that the API model types as a string holding JSON (a state machine definition).
    /// Some emulators (stepfunctions-local) send the JSON itself instead of a string; both are read as the
    /// JSON text, so the caller always gets what AWS would have sent.
    /// </summary>
    internal sealed class JsonTextConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String || reader.TokenType == JsonTokenType.Null)
            {
                return reader.GetString();
            }

            using (var document = JsonDocument.ParseValue(ref reader))
            {
                return document.RootElement.GetRawText();
            }
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
        {
            writer.WriteStringValue(value);
        }
    }
}
