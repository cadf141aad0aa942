using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace SfnResume.Json
{
    /// <summary>Plain .NET values from JSON text, for objects shown to users (PowerShell reads dictionaries by key).</summary>
    public static class JsonValues
    {
        /// <summary>A dictionary when <paramref name="text"/> is a JSON object; null for anything else.</summary>
        public static IReadOnlyDictionary<string, object?>? TryParseObject(string? text)
        {
            if (string.IsNullOrWhiteSpace(text) || text!.TrimStart()[0] != '{')
            {
                return null;
            }

            try
            {
                using (var document = JsonDocument.Parse(text))
                {
                    return ToPlain(document.RootElement) as IReadOnlyDictionary<string, object?>;
                }
            }
            catch (System.Exception e) when (e is JsonException || e is System.InvalidOperationException)
            {
                // InvalidOperationException: a string that is not valid Unicode (an unpaired surrogate).
                return null;
            }
        }

        /// <summary>Whether <paramref name="text"/> is one JSON value (an object, array, string, number...).</summary>
        public static bool IsJson(string text)
        {
            try
            {
                using (JsonDocument.Parse(text))
                {
                    return true;
                }
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>Whether two JSON texts hold the same value written the same way, whatever their whitespace.</summary>
        public static bool SameJson(string a, string b)
        {
            try
            {
                using var left = JsonDocument.Parse(a);
                using var right = JsonDocument.Parse(b);
                return JsonSerializer.Serialize(left.RootElement) == JsonSerializer.Serialize(right.RootElement);
            }
            catch (JsonException)
            {
                return false;
            }
        }

        public static object? ToPlain(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var map = new Dictionary<string, object?>();
                    foreach (var property in element.EnumerateObject())
                    {
                        map[property.Name] = ToPlain(property.Value);
                    }

                    return map;
                case JsonValueKind.Array:
                    return element.EnumerateArray().Select(ToPlain).ToArray();
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    return element.TryGetInt64(out var whole) ? whole : (object)element.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }
    }
}
