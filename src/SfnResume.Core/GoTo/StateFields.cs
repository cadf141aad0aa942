using System.Text.Json.Nodes;

namespace SfnResume.GoTo
{
    /// <summary>Reads a state's fields as the generator needs them: a field that is not a string counts as absent.</summary>
    internal static class StateFields
    {
        public static string? Text(JsonObject holder, string key) => holder[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

        public static bool IsContainer(JsonObject state) => Text(state, "Type") is string type && (type == "Parallel" || type == "Map");
    }
}
