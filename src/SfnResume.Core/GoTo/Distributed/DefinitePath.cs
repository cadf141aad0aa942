using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SfnResume.GoTo.Distributed
{
    /// <summary>Reads a definite JSONPath (<c>$</c>, <c>.name</c>, <c>['name']</c>, <c>[n]</c>) from a JSON value.</summary>
    internal static class DefinitePath
    {
        private static readonly Regex Step = new Regex(@"\G(?:\.(?<name>[A-Za-z_][\w-]*)|\['(?<quoted>[^'\\]*)'\]|\[(?<index>\d+)\])", RegexOptions.CultureInvariant);

        /// <summary>True when <paramref name="path"/> (after its leading <c>$</c>) is definite and names a member that exists.</summary>
        public static bool TrySelect(JsonNode? root, string path, int start, out JsonNode? found)
        {
            found = root;
            var at = start;
            while (at < path.Length)
            {
                var step = Step.Match(path, at);
                if (!step.Success)
                {
                    found = null;
                    return false;
                }

                at += step.Length;
                if (step.Groups["index"].Success)
                {
                    var index = int.Parse(step.Groups["index"].Value, CultureInfo.InvariantCulture);
                    if (!(found is JsonArray array) || index >= array.Count)
                    {
                        found = null;
                        return false;
                    }

                    found = array[index];
                }
                else
                {
                    var name = step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Value;
                    if (!(found is JsonObject obj) || !obj.TryGetPropertyValue(name, out var member))
                    {
                        found = null;
                        return false;
                    }

                    found = member;
                }
            }

            return true;
        }
    }
}
