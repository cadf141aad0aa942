using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SfnResume.Preflight
{
    /// <summary>
    /// What a plan row knows of one resume, all a preflight needs: the definition the resume runs, the state
    /// it starts at, the input that state would be given and the variables in scope. Rows with the same
    /// four share one check (<see cref="Key"/>).
    /// </summary>
    public sealed class PreflightSubject
    {
        public PreflightSubject(string definition, string stateName, string? input, IReadOnlyDictionary<string, string>? variables)
        {
            Definition = definition ?? throw new ArgumentNullException(nameof(definition));
            StateName = stateName ?? throw new ArgumentNullException(nameof(stateName));
            Input = input;
            VariablesJson = ToObject(variables);
            Key = Hash(Definition, StateName, Input ?? "\u0001unknown", VariablesJson ?? string.Empty);
        }

        /// <summary>The whole state machine definition (ASL JSON).</summary>
        public string Definition { get; }

        /// <summary>The state the resume starts at.</summary>
        public string StateName { get; }

        /// <summary>The JSON the state would be given; null when it is unknown.</summary>
        public string? Input { get; }

        /// <summary>The variables in scope as one JSON object, name to value; null when there are none.</summary>
        public string? VariablesJson { get; }

        /// <summary>Equal for rows that would make the same TestState call.</summary>
        public string Key { get; }

        /// <summary>Variables arrive as name to JSON text (how the history records them); TestState takes one object.</summary>
        private static string? ToObject(IReadOnlyDictionary<string, string>? variables)
        {
            if (variables == null || variables.Count == 0)
            {
                return null;
            }

            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                foreach (var variable in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(variable.Key);
                    writer.WriteRawValue(variable.Value);
                }

                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static string Hash(params string[] parts)
        {
            using var sha = SHA256.Create();
            var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(string.Join("\u0000", parts)));
            return string.Concat(bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
