using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace SfnResume.Tests.Precision
{
    /// <summary>JSON text with every object's members in ordinal order, so two engines' answers compare by value, not by member order.</summary>
    public static class Canonical
    {
        public static string Of(JsonNode? node) => Sorted(node)?.ToJsonString() ?? "null";

        public static string Of(string json) => Of(JsonNode.Parse(json));

        private static JsonNode? Sorted(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new System.Collections.Generic.KeyValuePair<string, JsonNode?>(p.Key, Sorted(p.Value)))),
            JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
            _ => node?.DeepClone(),
        };
    }
}
