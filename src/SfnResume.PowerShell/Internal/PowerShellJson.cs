using System;
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
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
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
                case int or long or short or byte or sbyte or uint or ushort:
                    writer.WriteNumberValue(System.Convert.ToInt64(unwrapped, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case ulong big:
                    writer.WriteNumberValue(big);
                    break;
                case decimal exact:
                    writer.WriteNumberValue(exact);
                    break;
                case double or float:
                    // The shortest text that reads back as the same double: 1e300 stays 1E+300 (converting through
                    // decimal overflowed). JSON has no NaN or infinity; those are refused, not guessed at.
                    var number = System.Convert.ToDouble(unwrapped, System.Globalization.CultureInfo.InvariantCulture);
                    if (double.IsNaN(number) || double.IsInfinity(number))
                    {
                        throw new JsonException($"{number} is not a number JSON can hold.");
                    }

                    writer.WriteNumberValue(number);
                    break;
                case System.Numerics.BigInteger integer:
                    writer.WriteRawValue(integer.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case DateTime date:
                    // ISO 8601 with the offset, so the instant is not read in another zone: Local and Unspecified are
                    // this machine's time, Utc ends in Z.
                    if (date.Kind == DateTimeKind.Utc)
                    {
                        writer.WriteStringValue(date.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        writer.WriteStringValue(new DateTimeOffset(date).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture));
                    }

                    break;
                case DateTimeOffset moment:
                    writer.WriteStringValue(moment.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture));
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
