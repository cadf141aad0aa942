using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SfnResume.GoTo
{
    /// <summary>
    /// Moves a state's references to its input one level down, under <c>input</c>: a twin is entered with
    /// <c>{"input": what the original was entered with, "replay": ...}</c>, and must read the first exactly as
    /// the original state reads its whole input.
    /// <para>JSONPath: <c>$</c> and <c>$.a.b</c> become <c>$.input</c> and <c>$.input.a.b</c> (after the
    /// original's <c>InputPath</c>, for the paths that read the effective input); context paths (<c>$$.</c>) and
    /// variables (<c>$name</c>) are left alone, in plain paths and inside intrinsic functions alike. JSONata:
    /// <c>$states.input</c> becomes <c>$states.input.input</c>.</para>
    /// </summary>
    internal static class InputRebase
    {
        public const string InputKey = "input";

        /// <summary>A JSONPath that selects one node: names and indexes, no wildcards, filters or slices.</summary>
        private static readonly Regex DefinitePath = new Regex(@"^\$(\.[A-Za-z_][\w-]*|\[\d+\]|\['[^'\\]*'\])*$", RegexOptions.CultureInvariant);

        private static readonly Regex StatesInput = new Regex(@"\$states\.input(?![\w])", RegexOptions.CultureInvariant);

        public static bool IsDefinite(string path) => DefinitePath.IsMatch(path);

        /// <summary>A path (or intrinsic function) over the input, rebased onto <paramref name="prefix"/>.</summary>
        public static string JsonPath(string expression, string prefix)
        {
            var text = new StringBuilder(expression.Length + prefix.Length);
            var quoted = false;
            for (var i = 0; i < expression.Length; i++)
            {
                var c = expression[i];
                if (quoted)
                {
                    text.Append(c);
                    if (c == '\\' && i + 1 < expression.Length)
                    {
                        text.Append(expression[++i]);
                    }
                    else if (c == '\'')
                    {
                        quoted = false;
                    }

                    continue;
                }

                if (c == '\'' && expression.StartsWith("States.", System.StringComparison.Ordinal))
                {
                    quoted = true;
                    text.Append(c);
                    continue;
                }

                if (c != '$')
                {
                    text.Append(c);
                    continue;
                }

                var next = i + 1 < expression.Length ? expression[i + 1] : '\0';
                if (next == '$')
                {
                    // $$: the context object, the same for the twin.
                    text.Append("$$");
                    i++;
                }
                else if (char.IsLetter(next) || next == '_')
                {
                    // $name: a variable.
                    text.Append(c);
                }
                else
                {
                    text.Append(prefix);
                }
            }

            return text.ToString();
        }

        /// <summary>A payload template (Parameters, ItemSelector) with every path-valued member rebased.</summary>
        public static JsonNode? Template(JsonNode? template, string prefix)
        {
            switch (template)
            {
                case JsonObject obj:
                    var copy = new JsonObject();
                    foreach (var member in obj)
                    {
                        var value = member.Key.EndsWith(".$", System.StringComparison.Ordinal) && member.Value is JsonValue v && v.TryGetValue<string>(out var path)
                            ? JsonValue.Create(JsonPath(path, prefix))
                            : Template(member.Value, prefix);
                        copy[member.Key] = value;
                    }

                    return copy;
                case JsonArray array:
                    var items = new JsonArray();
                    foreach (var item in array)
                    {
                        items.Add(Template(item, prefix));
                    }

                    return items;
                default:
                    return template?.DeepClone();
            }
        }

        /// <summary>Every JSONata expression in <paramref name="node"/> reading <c>$states.input.input</c> instead of <c>$states.input</c>.</summary>
        public static JsonNode? JsonAta(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    var copy = new JsonObject();
                    foreach (var member in obj)
                    {
                        copy[member.Key] = JsonAta(member.Value);
                    }

                    return copy;
                case JsonArray array:
                    var items = new JsonArray();
                    foreach (var item in array)
                    {
                        items.Add(JsonAta(item));
                    }

                    return items;
                case JsonValue value when value.TryGetValue<string>(out var text) && text.Contains("{%"):
                    return JsonValue.Create(StatesInput.Replace(text, "$states.input." + InputKey));
                default:
                    return node?.DeepClone();
            }
        }
    }
}
