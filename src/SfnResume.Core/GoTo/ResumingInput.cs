using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace SfnResume.GoTo
{
    /// <summary>
    /// The input that makes a GoTo copy resume: <c>{"resuming": {"state": T, "input": recorded, "variables": {...}}}</c>.
    /// Every top-level variable the copy restores is present, null when it was not assigned before the resume
    /// state: a JSONPath <c>Assign</c> that reads a missing path would fail the run.
    /// </summary>
    public static class ResumingInput
    {
        /// <summary>StartExecution's limit on an input: 256 KiB of UTF-8.</summary>
        public const int MaxBytes = 262_144;

        public static int ByteCount(string json) => Encoding.UTF8.GetByteCount(json);

        /// <param name="state">The top-level state to resume at.</param>
        /// <param name="recordedInput">The JSON the state was entered with.</param>
        /// <param name="variables">Variable values (JSON text) recovered from the history.</param>
        /// <param name="restoredVariables">Every variable the copy's GoTo Choice assigns.</param>
        /// <param name="replay">What ran inside a Parallel or Map (<see cref="ReplayPlan.ReplayJson"/>): the copy then enters its twin.</param>
        public static string Create(string state, string recordedInput, IReadOnlyDictionary<string, string> variables, IEnumerable<string> restoredVariables, string? replay = null)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                writer.WriteStartObject(GoToRewriter.ResumingKey);
                writer.WriteString("state", state);
                writer.WritePropertyName("input");
                WriteRaw(writer, recordedInput);
                writer.WriteStartObject("variables");
                foreach (var name in restoredVariables.Concat(variables.Keys).Distinct().OrderBy(n => n, System.StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    if (variables.TryGetValue(name, out var value))
                    {
                        WriteRaw(writer, value);
                    }
                    else
                    {
                        writer.WriteNullValue();
                    }
                }

                writer.WriteEndObject();
                if (replay != null)
                {
                    writer.WritePropertyName(TwinBuilder.ReplayKey);
                    WriteRaw(writer, replay);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void WriteRaw(Utf8JsonWriter writer, string json)
        {
            using var document = JsonDocument.Parse(json);
            document.RootElement.WriteTo(writer);
        }
    }
}
