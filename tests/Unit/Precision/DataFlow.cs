using System.Text.Json.Nodes;

namespace SfnResume.Tests.Precision
{
    /// <summary>
    /// The JSONPath data flow of the shapes <see cref="ShapeGenerator"/> writes, as Step Functions applies
    /// it: ResultSelector, then ResultPath, then OutputPath; an iteration's input from ItemSelector (or the
    /// legacy Parameters) or the item itself; a Catch's ResultPath. Only the forms the generator uses.
    /// </summary>
    public static class DataFlow
    {
        public static JsonNode Output(JsonObject state, JsonNode input, JsonNode result)
        {
            if (state["ResultSelector"] is JsonObject)
            {
                result = new JsonObject { ["all"] = result.DeepClone() };
            }

            JsonNode output;
            if (!state.ContainsKey("ResultPath"))
            {
                output = result.DeepClone();
            }
            else if (state["ResultPath"] is JsonValue path)
            {
                output = Put(input, (string)path!, result);
            }
            else
            {
                output = input.DeepClone();
            }

            return state["OutputPath"] is JsonValue outputPath ? output[Key((string)outputPath!)]!.DeepClone() : output;
        }

        /// <summary>What a Catch with <c>ResultPath: "$.error"</c> hands to its Next state.</summary>
        public static JsonNode WithError(JsonNode input, string error, string cause) =>
            Put(input, "$.error", new JsonObject { ["Error"] = error, ["Cause"] = cause });

        public static JsonNode Item(JsonObject? selector, JsonNode item, int index)
        {
            if (selector == null)
            {
                return item.DeepClone();
            }

            var selected = new JsonObject();
            foreach (var field in selector)
            {
                var path = (string)field.Value!;
                var value = path == "$$.Map.Item.Index" ? JsonValue.Create(index) : item[path.Substring("$$.Map.Item.Value.".Length)]?.DeepClone();
                selected[field.Key.Substring(0, field.Key.Length - 2)] = value;
            }

            return selected;
        }

        private static JsonNode Put(JsonNode input, string path, JsonNode value)
        {
            var copy = input.DeepClone().AsObject();
            copy[Key(path)] = value.DeepClone();
            return copy;
        }

        private static string Key(string path) => path.Substring(2);
    }
}
