using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace SfnResume.GoTo.Distributed
{
    /// <summary>
    /// One text for equal JSON values: members sorted by name, numbers by value, no white space. A child's input
    /// comes back from DescribeExecution written by Step Functions, the item from the file the user wrote: the
    /// two agree in value, not in spelling.
    /// </summary>
    internal static class CanonicalJson
    {
        public static string Of(string json)
        {
            using var document = JsonDocument.Parse(json);
            var text = new StringBuilder(json.Length);
            Write(document.RootElement, text);
            return text.ToString();
        }

        public static string Of(JsonElement element)
        {
            var text = new StringBuilder();
            Write(element, text);
            return text.ToString();
        }

        private static void Write(JsonElement element, StringBuilder text)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    text.Append('{');
                    var first = true;
                    foreach (var member in element.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                    {
                        text.Append(first ? string.Empty : ",").Append(JsonSerializer.Serialize(member.Name)).Append(':');
                        Write(member.Value, text);
                        first = false;
                    }

                    text.Append('}');
                    break;
                case JsonValueKind.Array:
                    text.Append('[');
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        text.Append(index++ == 0 ? string.Empty : ",");
                        Write(item, text);
                    }

                    text.Append(']');
                    break;
                case JsonValueKind.Number:
                    text.Append(element.TryGetDecimal(out var number) ? number.ToString("G29", CultureInfo.InvariantCulture) : element.GetRawText());
                    break;
                case JsonValueKind.String:
                    text.Append(JsonSerializer.Serialize(element.GetString()));
                    break;
                default:
                    text.Append(element.GetRawText());
                    break;
            }
        }
    }
}
