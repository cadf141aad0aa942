using System;
using System.Collections.Generic;
using System.Text.Json;

namespace SfnResume.Aws.Serialization
{
    /// <summary>
    /// Gives one string per distinct short text read, such as event types and details member names: a long
    /// history repeats a few dozen of them tens of thousands of times. Not thread-safe: one per document read.
    /// </summary>
    internal sealed class Utf8NameTable
    {
        // A damaged or hostile file could hold a new name in every event; past this many, names are no longer kept.
        private const int MaxNames = 256;

        private readonly List<KeyValuePair<byte[], string>> names = new List<KeyValuePair<byte[], string>>();

        /// <summary>The string or member name the reader stands on, the same instance for the same text; as GetString otherwise (empty for null).</summary>
        public string Get(ref Utf8JsonReader reader)
        {
            var isText = reader.TokenType == JsonTokenType.String || reader.TokenType == JsonTokenType.PropertyName;
            if (!isText || reader.HasValueSequence || reader.ValueIsEscaped)
            {
                return reader.GetString() ?? string.Empty;
            }

            var bytes = reader.ValueSpan;
            foreach (var name in names)
            {
                if (bytes.SequenceEqual(name.Key))
                {
                    return name.Value;
                }
            }

            var text = reader.GetString() ?? string.Empty;
            if (names.Count < MaxNames)
            {
                names.Add(new KeyValuePair<byte[], string>(bytes.ToArray(), text));
            }

            return text;
        }
    }
}
