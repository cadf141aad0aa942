using System;
using System.Globalization;
using System.Text;
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
        private static readonly decimal MinSeconds = (decimal)(DateTime.MinValue.Ticks - Epoch.Ticks) / TimeSpan.TicksPerSecond;
        private static readonly decimal MaxSeconds = (decimal)(DateTime.MaxValue.Ticks - Epoch.Ticks) / TimeSpan.TicksPerSecond;

        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                return reader.TryGetDecimal(out var number) && InRange(number)
                    ? FromEpochSeconds(number)
                    : throw new JsonException($"The timestamp {Encoding.UTF8.GetString(reader.ValueSpan.ToArray())} is not a date between the years 1 and 9999 in epoch seconds.");
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                var text = reader.GetString() ?? string.Empty;
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && InRange(seconds))
                {
                    return FromEpochSeconds(seconds);
                }

                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    return date.UtcDateTime;
                }

                throw new JsonException($"The timestamp \"{text}\" is neither epoch seconds nor an ISO 8601 date.");
            }

            throw new JsonException($"Expected a timestamp (epoch seconds or ISO 8601), found {reader.TokenType}.");
        }

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
        {
            writer.WriteNumberValue(ToEpochSeconds(value));
        }

        /// <summary>Whether the seconds name an instant DateTime can hold (years 1 to 9999).</summary>
        private static bool InRange(decimal seconds) => seconds >= MinSeconds && seconds <= MaxSeconds;

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
