using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace SfnResume.Tests.Fuzz
{
    /// <summary>
    /// Deterministic mutations of recorded histories and definitions: for one seed, the same cases every run.
    /// The classes are those a mutation fuzzer found crashes and hangs with: truncation, byte flips, values of
    /// the wrong JSON type, broken previousEventId links (self, cycles, forward, far back), repeated and
    /// far-apart ids, hostile timestamps, null events, unpaired surrogates, duplicate state names, dangling
    /// StartAt and odd QueryLanguage values, and large machines.
    /// </summary>
    public sealed class MutationFuzzer
    {
        private static readonly string[] HistoryMutations =
        {
            "truncate", "flip", "wrong-type", "self-link", "forward-link", "cycle", "far-link", "repeat-id", "id-gaps",
            "timestamp", "null-event", "surrogate", "drop-events", "shuffle", "non-json-input", "drop-container-entry",
        };

        private static readonly string[] DefinitionMutations =
        {
            "truncate", "flip", "wrong-type", "duplicate-name", "dangling-start", "query-language", "surrogate",
            "empty-states", "repeat-member", "many-states", "drop-state",
        };

        private static readonly object[] HostileTimestamps = { "abc", "0000-00-00", 1e20, -1e12, 253402300800m, "10000-01-01T00:00:00Z", true, "" };
        private static readonly object?[] OddQueryLanguages = { "jsonata", "JSONPATH", 1, null, "" };

        private readonly Random random;

        public MutationFuzzer(int seed)
        {
            random = new Random(seed);
        }

        public FuzzCase MutateHistory(string source, string text)
        {
            var mutation = HistoryMutations[random.Next(HistoryMutations.Length)];
            return new FuzzCase(source, mutation, MutateHistoryText(mutation, text));
        }

        public FuzzCase MutateDefinition(string source, string text)
        {
            var mutation = DefinitionMutations[random.Next(DefinitionMutations.Length)];
            return new FuzzCase(source, mutation, MutateDefinitionText(mutation, text));
        }

        private string MutateHistoryText(string mutation, string text)
        {
            if (MutateText(mutation, text, "\\ud800") is string mutated)
            {
                return mutated;
            }

            var root = JsonNode.Parse(text)!;
            var events = (root is JsonObject o ? o["events"] : root) as JsonArray;
            if (events == null || events.Count == 0)
            {
                return text;
            }

            var e = events[random.Next(events.Count)] as JsonObject;
            var id = e?["id"]?.GetValue<long>() ?? 1;
            switch (mutation)
            {
                case "wrong-type":
                    WrongType(root);
                    break;
                case "self-link":
                    e!["previousEventId"] = id;
                    break;
                case "forward-link":
                    e!["previousEventId"] = id + 1 + random.Next(3);
                    break;
                case "cycle":
                    // Two events that name each other (one of the links necessarily points forward).
                    var other = events[random.Next(events.Count)] as JsonObject;
                    e!["previousEventId"] = other?["id"]?.GetValue<long>() ?? id;
                    other!["previousEventId"] = id;
                    break;
                case "far-link":
                    e!["previousEventId"] = random.Next(2) == 0 ? -1 : long.MaxValue / 2;
                    break;
                case "repeat-id":
                    var copy = JsonNode.Parse(e!.ToJsonString())!.AsObject();
                    copy["type"] = random.Next(2) == 0 ? "TaskStateAborted" : "ExecutionRedriven";
                    events.Insert(random.Next(events.Count + 1), copy);
                    break;
                case "id-gaps":
                    var factor = random.Next(2) == 0 ? 1_000_000_000L : 1_000_000_000_000L;
                    foreach (var each in events.OfType<JsonObject>())
                    {
                        each["id"] = each["id"]!.GetValue<long>() * factor;
                        if (each["previousEventId"] is JsonNode previous)
                        {
                            each["previousEventId"] = previous.GetValue<long>() * factor;
                        }
                    }

                    break;
                case "timestamp":
                    e!["timestamp"] = JsonValue.Create(HostileTimestamps[random.Next(HostileTimestamps.Length)]);
                    break;
                case "null-event":
                    events[random.Next(events.Count)] = null;
                    break;
                case "drop-events":
                    for (var n = 1 + random.Next(Math.Max(1, events.Count / 3)); n > 0 && events.Count > 1; n--)
                    {
                        events.RemoveAt(random.Next(events.Count));
                    }

                    break;
                case "shuffle":
                    var shuffled = events.Select(x => x?.ToJsonString()).OrderBy(_ => random.Next()).ToList();
                    events.Clear();
                    foreach (var item in shuffled)
                    {
                        events.Add(item == null ? null : JsonNode.Parse(item));
                    }

                    break;
                case "non-json-input":
                    foreach (var details in events.OfType<JsonObject>().Select(x => x["stateEnteredEventDetails"]).OfType<JsonObject>())
                    {
                        details["input"] = "{not json";
                    }

                    break;
                case "drop-container-entry":
                    var entry = events.OfType<JsonObject>().FirstOrDefault(x => x["type"]?.GetValue<string>() is "ParallelStateEntered" or "MapStateEntered");
                    if (entry != null)
                    {
                        events.Remove(entry);
                    }

                    break;
            }

            return root.ToJsonString();
        }

        /// <summary>The mutations that work on the text itself, not its JSON; null for the others.</summary>
        private string? MutateText(string mutation, string text, string surrogate) => mutation switch
        {
            "truncate" => text.Substring(0, random.Next(text.Length)),
            "flip" => Flip(text),
            "surrogate" => InsertInString(text, surrogate),
            _ => null,
        };

        private string MutateDefinitionText(string mutation, string text)
        {
            if (MutateText(mutation, text, "\\udc00") is string mutated)
            {
                return mutated;
            }

            switch (mutation)
            {
                case "repeat-member":
                    // JSON allows a member twice; System.Text.Json.Nodes does not, so this one is made as text.
                    var at = text.LastIndexOf('}');
                    return at <= 0 ? text : text.Substring(0, at) + ",\"States\":{\"X\":{\"Type\":\"Pass\",\"End\":true}}}";
            }

            var root = JsonNode.Parse(text) as JsonObject;
            var states = root?["States"] as JsonObject;
            if (root == null || states == null || states.Count == 0)
            {
                return text;
            }

            var names = states.Select(p => p.Key).ToList();
            switch (mutation)
            {
                case "wrong-type":
                    WrongType(root);
                    break;
                case "duplicate-name":
                    // A nested copy of a top-level state's name: AWS rejects it as DUPLICATE_STATE_NAME.
                    states["DuplicateHolder"] = JsonNode.Parse("{\"Type\":\"Parallel\",\"End\":true,\"Branches\":[{\"StartAt\":\"" + names[0].Replace("\"", "\\\"", StringComparison.Ordinal) + "\",\"States\":{\"" + names[0].Replace("\"", "\\\"", StringComparison.Ordinal) + "\":{\"Type\":\"Pass\",\"End\":true}}}]}");
                    break;
                case "dangling-start":
                    root["StartAt"] = random.Next(2) == 0 ? "NoSuchState" : null;
                    break;
                case "query-language":
                    root["QueryLanguage"] = JsonValue.Create(OddQueryLanguages[random.Next(OddQueryLanguages.Length)]);
                    break;
                case "empty-states":
                    root["States"] = new JsonObject();
                    break;
                case "many-states":
                    // Many top-level states, each assigning many variables: the copy must stay within its budget.
                    var count = 50 + random.Next(100);
                    for (var i = 0; i < count; i++)
                    {
                        var assign = new JsonObject();
                        for (var v = 0; v < 20; v++)
                        {
                            assign[$"v{v}"] = i;
                        }

                        states[$"Extra {i}"] = new JsonObject { ["Type"] = "Pass", ["Assign"] = assign, ["End"] = true };
                    }

                    break;
                case "drop-state":
                    states.Remove(names[random.Next(names.Count)]);
                    break;
            }

            return root.ToJsonString();
        }

        private string Flip(string text)
        {
            if (text.Length == 0)
            {
                return text;
            }

            var chars = text.ToCharArray();
            var at = random.Next(chars.Length);
            const string alphabet = "{}[]\",:0-e\\ \u0000\u00ff";
            chars[at] = alphabet[random.Next(alphabet.Length)];
            return new string(chars);
        }

        /// <summary>Puts <paramref name="escape"/> (JSON escape text) inside a random string value.</summary>
        private string InsertInString(string text, string escape)
        {
            var quotes = new List<int>();
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '"' && (i == 0 || text[i - 1] != '\\'))
                {
                    quotes.Add(i);
                }
            }

            if (quotes.Count == 0)
            {
                return text;
            }

            var at = quotes[random.Next(quotes.Count)] + 1;
            return text.Substring(0, at) + escape + text.Substring(at);
        }

        /// <summary>Replaces one value somewhere in the tree with a value of another JSON type.</summary>
        private void WrongType(JsonNode root)
        {
            var containers = new List<JsonNode>();
            Collect(root, containers);
            var container = containers[random.Next(containers.Count)];
            JsonNode? replacement = random.Next(5) switch
            {
                0 => null,
                1 => JsonValue.Create("text"),
                2 => JsonValue.Create(12345.678),
                3 => new JsonArray(),
                _ => new JsonObject(),
            };
            if (container is JsonObject obj && obj.Count > 0)
            {
                var key = obj.ElementAt(random.Next(obj.Count)).Key;
                obj[key] = replacement;
            }
            else if (container is JsonArray array && array.Count > 0)
            {
                array[random.Next(array.Count)] = replacement;
            }
        }

        private static void Collect(JsonNode? node, List<JsonNode> containers)
        {
            if (node is JsonObject obj)
            {
                containers.Add(obj);
                foreach (var child in obj)
                {
                    Collect(child.Value, containers);
                }
            }
            else if (node is JsonArray array)
            {
                containers.Add(array);
                foreach (var child in array)
                {
                    Collect(child, containers);
                }
            }
        }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} history and {1} definition mutations", HistoryMutations.Length, DefinitionMutations.Length);
    }
}
