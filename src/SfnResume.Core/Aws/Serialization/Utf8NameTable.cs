using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SfnResume.Aws.Serialization
{
    /// <summary>
    /// Gives one string per distinct short text read, such as event types, details member names and state
    /// names: a long history repeats a few dozen of them tens of thousands of times. Not thread-safe: one per
    /// document read.
    /// </summary>
    internal sealed class Utf8NameTable
    {
        // A damaged or hostile file could hold a new name in every event; past this many, names are no longer kept.
        // A state machine has a few hundred names at most, each up to 80 characters (320 bytes).
        private const int MaxNames = 1024;
        private const int MaxNameBytes = 320;

        private readonly Utf8Table<string> names = new Utf8Table<string>(MaxNames, MaxNameBytes);

        /// <summary>The string or member name the reader stands on, the same instance for the same text; as GetString otherwise (empty for null).</summary>
        [MethodImpl(HotPath.Optimized)]
        public string Get(ref Utf8JsonReader reader)
        {
            var isText = reader.TokenType == JsonTokenType.String || reader.TokenType == JsonTokenType.PropertyName;
            if (!isText || reader.HasValueSequence || reader.ValueIsEscaped)
            {
                return reader.GetString() ?? string.Empty;
            }

            var bytes = reader.ValueSpan;
            if (names.TryGet(bytes, out var known))
            {
                return known;
            }

            var text = reader.GetString() ?? string.Empty;
            names.Add(bytes, text);
            return text;
        }

        /// <summary>As <see cref="Get"/>, but null for a JSON null, as GetString gives.</summary>
        public string? GetOrNull(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : Get(ref reader);
    }
}
