using System.Text.Json;
using System.Text.Json.Serialization;

namespace SfnResume.Aws.Serialization
{
    /// <summary>
    /// The JSON settings of the Step Functions wire format: camelCase members, nulls left out, epoch-second
    /// timestamps, and minimal escaping. The default encoder writes every non-ASCII character and " &lt; &gt; &amp; ' +
    /// as \uXXXX, which made request bodies 1.2 to 1.6 times the JSON they carry, and a definition of 0.7 MB
    /// over the 1 MB request limit; this one escapes only what JSON requires (quotes, backslashes, control
    /// characters, and text that is not valid Unicode).
    /// </summary>
    public static class SfnJson
    {
        internal static readonly EpochSecondsConverter Timestamps = new EpochSecondsConverter();

        public static JsonSerializerOptions Options { get; } = CreateOptions();

        private static JsonSerializerOptions CreateOptions()
        {
            var options = new JsonSerializerOptions
            {
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                PropertyNameCaseInsensitive = true,
                DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            };
            options.Converters.Add(Timestamps);
            return options;
        }
    }
}
