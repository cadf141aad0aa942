using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace SfnResume.Json
{
    /// <summary>
    /// JSON Merge Patch (RFC 7396): objects merge member by member, null removes a member, anything else
    /// replaces. Used to correct the recorded input before resuming.
    /// </summary>
    public static class JsonMergePatch
    {
        public static string Apply(string target, string patch)
        {
            using var targetDocument = JsonDocument.Parse(target);
            using var patchDocument = JsonDocument.Parse(patch);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Merge(writer, targetDocument.RootElement, patchDocument.RootElement);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void Merge(Utf8JsonWriter writer, JsonElement? target, JsonElement patch)
        {
            if (patch.ValueKind != JsonValueKind.Object)
            {
                patch.WriteTo(writer);
                return;
            }

            var members = target?.ValueKind == JsonValueKind.Object
                ? target.Value.EnumerateObject().ToDictionary(p => p.Name, p => (JsonElement?)p.Value)
                : new Dictionary<string, JsonElement?>();
            var order = members.Keys.ToList();
            foreach (var change in patch.EnumerateObject())
            {
                if (!members.ContainsKey(change.Name))
                {
                    order.Add(change.Name);
                }
            }

            writer.WriteStartObject();
            foreach (var name in order)
            {
                var hasChange = patch.TryGetProperty(name, out var change);
                if (hasChange && change.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                writer.WritePropertyName(name);
                if (hasChange)
                {
                    Merge(writer, members.TryGetValue(name, out var current) ? current : null, change);
                }
                else
                {
                    members[name]!.Value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }
    }
}
