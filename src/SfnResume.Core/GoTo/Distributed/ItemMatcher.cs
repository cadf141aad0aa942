using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfnResume.GoTo.Distributed
{
    /// <summary>
    /// Which item each child of a Map Run ran. Child executions are named by Step Functions, not by item, so
    /// the child's input tells: with an ItemSelector member that is <c>$$.Map.Item.Index</c>, that member gives
    /// the index; otherwise the input each item would give a child (the item itself, or the ItemSelector worked
    /// out for it, when the selector reads only the item, its index, the Map's input and constants) is compared
    /// with each child's input, equal items being interchangeable. A child that matches no item means the items
    /// read now are not the ones the run read, and nothing is resumed precisely on that.
    /// </summary>
    internal static class ItemMatcher
    {
        private const string ItemValue = "$$.Map.Item.Value";
        private const string ItemIndex = "$$.Map.Item.Index";

        /// <summary>The item index of each child, in <paramref name="children"/>' order; null and a reason when they cannot all be matched.</summary>
        public static int[]? Match(JsonObject mapState, IReadOnlyList<string> items, string? mapInput, IReadOnlyList<MapRunChild> children, out string? whyNot)
        {
            whyNot = null;
            var selector = mapState["ItemSelector"] ?? mapState["Parameters"];
            var unread = children.Count(c => c.Input == null);
            if (unread > 0)
            {
                var first = children.First(c => c.Input == null);
                whyNot = $"the inputs of {unread:N0} of its {children.Count:N0} child executions were not read, so which items they ran is not known"
                    + (first.NotRead == null ? string.Empty : $" (the first, {first.ExecutionArn}: {first.NotRead})");
                return null;
            }

            if (selector is JsonObject template && template.FirstOrDefault(m => m.Key.EndsWith(".$", StringComparison.Ordinal) && m.Value is JsonValue v && v.TryGetValue<string>(out var path) && path == ItemIndex) is var indexMember && indexMember.Key != null)
            {
                return ByIndexMember(indexMember.Key.Substring(0, indexMember.Key.Length - 2), items.Count, children, out whyNot);
            }

            JsonNode? effective = null;
            if (selector != null && mapInput != null)
            {
                var inputPath = GoTo.StateFields.Text(mapState, "InputPath") ?? "$";
                DefinitePath.TrySelect(JsonNode.Parse(mapInput), inputPath, 1, out effective);
            }

            var byInput = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++)
            {
                string key;
                if (selector == null)
                {
                    key = CanonicalJson.Of(items[i]);
                }
                else
                {
                    var predicted = Predict(selector, i, JsonNode.Parse(items[i]), effective, out var why);
                    if (why != null)
                    {
                        whyNot = $"its ItemSelector {why}, so the input each item gives a child cannot be worked out to tell which items the children ran; a selector member \"index.$\": \"{ItemIndex}\" would tell";
                        return null;
                    }

                    key = CanonicalJson.Of(predicted?.ToJsonString() ?? "null");
                }

                if (!byInput.TryGetValue(key, out var queue))
                {
                    byInput[key] = queue = new Queue<int>();
                }

                queue.Enqueue(i);
            }

            var matched = new int[children.Count];
            var unmatched = 0;
            for (var c = 0; c < children.Count; c++)
            {
                if (byInput.TryGetValue(CanonicalJson.Of(children[c].Input!), out var queue) && queue.Count > 0)
                {
                    matched[c] = queue.Dequeue();
                }
                else
                {
                    unmatched++;
                }
            }

            if (unmatched > 0)
            {
                whyNot = $"{unmatched:N0} of its {children.Count:N0} child executions ran an input that matches no item read now: the items have changed since the run";
                return null;
            }

            return matched;
        }

        private static int[]? ByIndexMember(string member, int itemCount, IReadOnlyList<MapRunChild> children, out string? whyNot)
        {
            whyNot = null;
            var matched = new int[children.Count];
            var seen = new HashSet<int>();
            for (var c = 0; c < children.Count; c++)
            {
                var input = JsonNode.Parse(children[c].Input!);
                if (!(input is JsonObject obj) || !(obj[member] is JsonValue value) || !value.TryGetValue<int>(out var index) || index < 0 || index >= itemCount || !seen.Add(index))
                {
                    whyNot = $"a child execution's input has no \"{member}\" naming an item of the {itemCount:N0} read now, or two children name the same one: the items have changed since the run";
                    return null;
                }

                matched[c] = index;
            }

            return matched;
        }

        /// <summary>The ItemSelector worked out for one item; a reason instead when it reads anything but the item, its index, the Map's input and constants.</summary>
        private static JsonNode? Predict(JsonNode? template, int index, JsonNode? item, JsonNode? effective, out string? whyNot)
        {
            whyNot = null;
            switch (template)
            {
                case JsonObject obj:
                    var result = new JsonObject();
                    foreach (var member in obj)
                    {
                        if (member.Key.EndsWith(".$", StringComparison.Ordinal))
                        {
                            var path = member.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : string.Empty;
                            if (!TryRead(path, index, item, effective, out var read))
                            {
                                whyNot = $"member \"{member.Key}\" reads \"{path}\"";
                                return null;
                            }

                            result[member.Key.Substring(0, member.Key.Length - 2)] = read?.DeepClone();
                        }
                        else
                        {
                            result[member.Key] = Predict(member.Value, index, item, effective, out whyNot);
                            if (whyNot != null)
                            {
                                return null;
                            }
                        }
                    }

                    return result;
                case JsonArray array:
                    var items = new JsonArray();
                    foreach (var element in array)
                    {
                        items.Add(Predict(element, index, item, effective, out whyNot));
                        if (whyNot != null)
                        {
                            return null;
                        }
                    }

                    return items;
                default:
                    return template?.DeepClone();
            }
        }

        private static bool TryRead(string path, int index, JsonNode? item, JsonNode? effective, out JsonNode? read)
        {
            read = null;
            if (path == ItemIndex)
            {
                read = JsonValue.Create(index);
                return true;
            }

            if (path.StartsWith(ItemValue, StringComparison.Ordinal))
            {
                return DefinitePath.TrySelect(item, path, ItemValue.Length, out read);
            }

            if (path.StartsWith("$", StringComparison.Ordinal) && !path.StartsWith("$$", StringComparison.Ordinal) && effective != null && (path.Length == 1 || path[1] == '.' || path[1] == '['))
            {
                return DefinitePath.TrySelect(effective, path, 1, out read);
            }

            return false;
        }
    }
}
