using System.Collections;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace SfnResume.PowerShell.Internal
{
    /// <summary>
    /// JSON text from what a user passes: a string as it is (the engine checks that it is JSON, and says so
    /// in its own terms), or a hashtable / PSCustomObject / array / scalar written as JSON (hosted engines may
    /// lack ConvertTo-Json, and it truncates depth by default).
    /// </summary>
    internal static class PowerShellJson
    {
        public static string From(object value)
        {
            var unwrapped = value is PSObject wrapped ? wrapped.BaseObject : value;
            if (unwrapped is string text)
            {
                return text;
            }

            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(writer, value);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void Write(Utf8JsonWriter writer, object? value)
        {
            var psObject = value as PSObject;
            var unwrapped = psObject != null ? psObject.BaseObject : value;
            switch (unwrapped)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string s:
                    writer.WriteStringValue(s);
                    break;
                case bool b:
                    writer.WriteBooleanValue(b);
                    break;
                case int or long or short or byte or sbyte or uint or ulong or ushort:
                    writer.WriteNumberValue(System.Convert.ToInt64(unwrapped, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case float or double or decimal:
                    writer.WriteNumberValue(System.Convert.ToDecimal(unwrapped, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        writer.WritePropertyName(entry.Key.ToString() ?? string.Empty);
                        Write(writer, entry.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case PSCustomObject _ when psObject != null:
                    writer.WriteStartObject();
                    foreach (var property in psObject.Properties)
                    {
                        writer.WritePropertyName(property.Name);
                        Write(writer, property.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case IEnumerable items:
                    writer.WriteStartArray();
                    foreach (var item in items)
                    {
                        Write(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    writer.WriteStringValue(unwrapped.ToString());
                    break;
            }
        }
    }
}
