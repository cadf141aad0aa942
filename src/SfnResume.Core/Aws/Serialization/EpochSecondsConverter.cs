using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SfnResume.Aws.Serialization
{
    /// <summary>
    /// Step Functions sends timestamps as JSON numbers of epoch seconds with a millisecond fraction
    /// (<c>1503725123.924</c>). Saved files written by other tools may hold ISO 8601 strings, so both are read.
    /// </summary>
    internal sealed class EpochSecondsConverter : JsonConverter<DateTime>
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                return FromEpochSeconds(reader.GetDecimal());
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                var text = reader.GetString() ?? string.Empty;
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                {
                    return FromEpochSeconds(seconds);
                }

                return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime;
            }

            throw new JsonException($"Expected a timestamp (epoch seconds or ISO 8601), found {reader.TokenType}.");
        }

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
        {
            writer.WriteNumberValue(ToEpochSeconds(value));
        }

        internal static DateTime FromEpochSeconds(decimal seconds)
        {
            return Epoch.AddTicks((long)decimal.Round(seconds * TimeSpan.TicksPerSecond));
        }

        internal static decimal ToEpochSeconds(DateTime value)
        {
            var ticks = value.ToUniversalTime().Ticks - Epoch.Ticks;
            return decimal.Round((decimal)ticks / TimeSpan.TicksPerSecond, 3);
        }
    }
}
