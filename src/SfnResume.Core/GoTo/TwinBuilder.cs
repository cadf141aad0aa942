using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace SfnResume.GoTo
{
    /// <summary>
    /// Builds the replay twins of Parallel and Map states: a twin has the original's fields, <c>Next</c>, Retry
    /// and Catch, and is entered with <c>{"input": the original's input, "replay": what each branch or
    /// iteration did}</c>. Each of its branches (or its item processor) starts with a replay Choice:
    /// <list type="bullet">
    /// <item>a recorded output: the branch ends at once with it (a Succeed state), running nothing;</item>
    /// <item>a state and its recorded input: the branch jumps to a renamed copy of that state (or, for a
    /// Parallel or Map inside, to its own twin, one level down);</item>
    /// <item><c>0</c> (a Map whose result is discarded): the iteration ends at once, its output unused;</item>
    /// <item>anything else: the branch runs from its start with the input the original would have given it.</item>
    /// </list>
    /// Names are unique machine-wide, so a branch's states are copied under new names ("X (resumed)") with
    /// every Next, Default and Catch rewritten; the originals stay as they are. Twins are reachable only from
    /// the GoTo rules, so ordinary input never meets one.
    /// </summary>
    internal sealed class TwinBuilder
    {
        public const string ReplayKey = "replay";
        public const string EntriesKey = "entries";
        public const string BranchesKey = "branches";

        private const string CopySuffix = " (resumed)";
        private const string TwinSuffix = " (replay)";
        private static readonly string[] RebasedEffectivePaths = { "ItemsPath", "MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath" };

        private readonly StateNames names;
        private readonly bool jsonata;
        private readonly string controlBase;
        private readonly string queryLanguage;

        public TwinBuilder(StateNames names, string queryLanguage, string controlBase)
        {
            this.names = names;
            this.queryLanguage = queryLanguage;
            jsonata = queryLanguage == Definitions.StateMachineDefinition.JsonAta;
            this.controlBase = controlBase;
        }

        /// <summary>Containers (any depth) that have no twin, and why: a resume through them re-runs them whole.</summary>
        public Dictionary<string, string> Untwinned { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Containers that have a twin, each with its twin's name.</summary>
        public Dictionary<string, string> Twins { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>
        /// The twin of a top-level container and the states it needs beside it, or null (and a reason in
        /// <see cref="Untwinned"/>) when the container cannot have one.
        /// </summary>
        /// <param name="topLevel">The top-level state names, which the twin's transitions must name.</param>
        public List<KeyValuePair<string, JsonObject>>? BuildTopLevel(string name, JsonObject body, IReadOnlyCollection<string> topLevel)
        {
            if (Malformed(body, new HashSet<string>(topLevel, StringComparer.Ordinal)) is string why)
            {
                Untwinned[name] = why;
                return null;
            }

            return BuildTwin(name, body, n => n);
        }

        public static bool IsContainer(JsonObject body) => body["Type"] is JsonValue t && t.TryGetValue<string>(out var type) && (type == "Parallel" || type == "Map");

        private List<KeyValuePair<string, JsonObject>>? BuildTwin(string name, JsonObject body, Func<string, string> rename)
        {
            var reason = WhyNoTwin(body);
            if (reason != null)
            {
                Untwinned[name] = reason;
                return null;
            }

            var isMap = Text(body, "Type") == "Map";
            var twinName = names.Free(name + TwinSuffix);
            Twins[name] = twinName;
            var added = new List<KeyValuePair<string, JsonObject>>();
            var twin = new JsonObject();
            var effective = "$." + InputRebase.InputKey + EffectiveSteps(body);
            var raw = "$." + InputRebase.InputKey;
            foreach (var member in body)
            {
                switch (member.Key)
                {
                    case "Next":
                        twin["Next"] = rename(Text(body, "Next")!);
                        break;
                    case "Branches":
                        var branches = new JsonArray();
                        var index = 0;
                        foreach (var branch in (JsonArray)member.Value!)
                        {
                            branches.Add(BuildBranch((JsonObject)branch!, isMap: false, $"$.{ReplayKey}.{BranchesKey}[{index}]", $"$states.input.{ReplayKey}.{BranchesKey}[{index}]"));
                            index++;
                        }

                        twin["Branches"] = branches;
                        break;
                    case "ItemProcessor":
                    case "Iterator":
                        twin[member.Key] = BuildBranch((JsonObject)member.Value!, isMap: true, "$." + ReplayKey, "$states.input." + ReplayKey);
                        break;
                    case "Catch":
                        twin["Catch"] = Catchers((JsonArray)member.Value!, rename, added, raw);
                        break;
                    case "InputPath":
                    case "Parameters" when !jsonata:
                    case "ItemSelector":
                    case "Arguments":
                    case "Items":
                        // Rewritten below: the twin's input is wrapped, and the replay data rides along.
                        break;
                    case "ResultPath" when !jsonata:
                    case "OutputPath" when !jsonata:
                        twin[member.Key] = member.Value == null ? null : InputRebase.JsonPath(Text(body, member.Key)!, raw);
                        break;
                    default:
                        if (!jsonata && Array.IndexOf(RebasedEffectivePaths, member.Key) >= 0 && member.Value is JsonValue)
                        {
                            twin[member.Key] = InputRebase.JsonPath(Text(body, member.Key)!, effective);
                        }
                        else
                        {
                            twin[member.Key] = jsonata ? InputRebase.JsonAta(member.Value) : member.Value?.DeepClone();
                        }

                        break;
                }
            }

            if (jsonata)
            {
                WrapJsonAta(body, twin, isMap);
            }
            else
            {
                WrapJsonPath(body, twin, isMap, effective, raw);
            }

            added.Insert(0, new KeyValuePair<string, JsonObject>(twinName, twin));
            return added;
        }

        /// <summary>Why a container cannot have a twin, or null.</summary>
        private string? WhyNoTwin(JsonObject body)
        {
            if (body["ItemReader"] != null)
            {
                return "it reads its items with an ItemReader, so they are not in its input";
            }

            if (body["ItemBatcher"] != null)
            {
                return "it hands its items over in batches (ItemBatcher)";
            }

            if (body["ItemProcessor"] is JsonObject processor && processor["ProcessorConfig"] is JsonObject config && Text(config, "Mode") == "DISTRIBUTED")
            {
                return "it is a Distributed Map: its iterations are child executions, whose outcomes the parent's history does not hold";
            }

            if (Text(body, "QueryLanguage") is string language && language != queryLanguage)
            {
                return $"it sets its own QueryLanguage ({language})";
            }

            if (!jsonata && RebasedEffectivePaths.Concat(new[] { "ResultPath", "OutputPath" }).Any(key => body[key] != null && Text(body, key) == null))
            {
                return "one of its paths is not a string";
            }

            if (!jsonata && body.ContainsKey("InputPath"))
            {
                var inputPath = Text(body, "InputPath");
                if (inputPath == null)
                {
                    return "its InputPath is null";
                }

                if (!InputRebase.IsDefinite(inputPath))
                {
                    return $"its InputPath ({inputPath}) is not a plain path";
                }
            }

            var hasStates = body["Branches"] is JsonArray branches ? branches.Count > 0 && branches.All(b => b is JsonObject o && o["States"] is JsonObject)
                : (body["ItemProcessor"] ?? body["Iterator"]) is JsonObject p && p["States"] is JsonObject;
            return hasStates ? null : "it has no branch or item processor to copy";
        }

        /// <summary>
        /// Why a container (checked once, at the top, with everything inside it) cannot be copied under new
        /// names, or null: every state inside must be an object whose Next, Default, Choice rules and catchers
        /// name states of its own States object, and every branch must have a StartAt among its States. Step
        /// Functions rejects anything else, so such a definition keeps its whole-state resume and the rewrite
        /// never fails on it.
        /// </summary>
        private static string? Malformed(JsonObject state, HashSet<string> siblings)
        {
            const string NotWritten = "its branches are not written as Step Functions requires";
            const string Dangling = "a transition in it names a state that does not exist";
            var targets = new List<string?>();
            foreach (var key in new[] { "Next", "Default" })
            {
                if (state.ContainsKey(key))
                {
                    targets.Add(Text(state, key));
                }
            }

            foreach (var listName in new[] { "Choices", "Catch" })
            {
                if (state.ContainsKey(listName))
                {
                    if (!(state[listName] is JsonArray list) || list.Any(item => !(item is JsonObject rule) || Text(rule, "Next") == null))
                    {
                        return NotWritten;
                    }

                    targets.AddRange(list.Select(rule => Text((JsonObject)rule!, "Next")!));
                }
            }

            if (targets.Any(t => t == null))
            {
                return NotWritten;
            }

            if (targets.Any(t => !siblings.Contains(t!)))
            {
                return Dangling;
            }

            var branches = new List<JsonNode?>();
            if (state.ContainsKey("Branches"))
            {
                if (!(state["Branches"] is JsonArray array))
                {
                    return NotWritten;
                }

                branches.AddRange(array);
            }

            branches.AddRange(new[] { "ItemProcessor", "Iterator" }.Where(state.ContainsKey).Select(processor => state[processor]));
            foreach (var node in branches)
            {
                if (!(node is JsonObject branch) || !(branch["States"] is JsonObject states) || Text(branch, "StartAt") is not string start || states.Any(s => !(s.Value is JsonObject)))
                {
                    return NotWritten;
                }

                if (!states.ContainsKey(start))
                {
                    return Dangling;
                }

                var names = new HashSet<string>(states.Select(s => s.Key), StringComparer.Ordinal);
                if (states.Select(s => Malformed((JsonObject)s.Value!, names)).FirstOrDefault(why => why != null) is string why)
                {
                    return why;
                }
            }

            return null;
        }

        /// <summary>The steps of the original's InputPath: what its effective input is, under the wrapped input.</summary>
        private static string EffectiveSteps(JsonObject body)
        {
            var inputPath = Text(body, "InputPath");
            return inputPath == null || inputPath == "$" ? string.Empty : inputPath.Substring(1);
        }

        private void WrapJsonPath(JsonObject body, JsonObject twin, bool isMap, string effective, string raw)
        {
            if (isMap)
            {
                var selectorKey = body.ContainsKey("Parameters") ? "Parameters" : "ItemSelector";
                var selector = new JsonObject();
                var original = body["ItemSelector"] ?? body["Parameters"];
                if (original == null)
                {
                    selector[InputRebase.InputKey + ".$"] = "$$.Map.Item.Value";
                }
                else
                {
                    selector[InputRebase.InputKey] = InputRebase.Template(original, effective);
                }

                selector[ReplayKey + ".$"] = $"States.ArrayGetItem($.{ReplayKey}.{EntriesKey}, $$.Map.Item.Index)";
                twin[selectorKey] = selector;
                twin["ItemsPath"] = InputRebase.JsonPath(Text(body, "ItemsPath") ?? "$", effective);
            }
            else
            {
                var parameters = new JsonObject();
                if (body["Parameters"] is JsonNode original)
                {
                    parameters[InputRebase.InputKey] = InputRebase.Template(original, effective);
                }
                else
                {
                    parameters[InputRebase.InputKey + ".$"] = effective;
                }

                parameters[ReplayKey + ".$"] = "$." + ReplayKey;
                twin["Parameters"] = parameters;
            }

            // The result goes where the original put it, inside the wrapped input, and the output is taken from there.
            if (!body.ContainsKey("ResultPath"))
            {
                twin["ResultPath"] = raw;
            }

            if (!body.ContainsKey("OutputPath"))
            {
                twin["OutputPath"] = raw;
            }
        }

        private void WrapJsonAta(JsonObject body, JsonObject twin, bool isMap)
        {
            var input = $"$states.input.{InputRebase.InputKey}";
            if (isMap)
            {
                twin["Items"] = body["Items"] == null ? JsonValue.Create("{% " + input + " %}") : InputRebase.JsonAta(body["Items"]);
                twin["ItemSelector"] = new JsonObject
                {
                    [InputRebase.InputKey] = body["ItemSelector"] == null ? JsonValue.Create("{% $states.context.Map.Item.Value %}") : InputRebase.JsonAta(body["ItemSelector"]),
                    [ReplayKey] = $"{{% $states.input.{ReplayKey}.{EntriesKey}[$states.context.Map.Item.Index] %}}",
                };
            }
            else
            {
                twin["Arguments"] = new JsonObject
                {
                    [InputRebase.InputKey] = body["Arguments"] == null ? JsonValue.Create("{% " + input + " %}") : InputRebase.JsonAta(body["Arguments"]),
                    [ReplayKey] = $"{{% $states.input.{ReplayKey} %}}",
                };
            }
        }

        /// <summary>
        /// The twin's catchers: JSONPath puts the error where the original would, inside the wrapped input, and a
        /// Pass unwraps it before the catcher's Next; JSONata's error output does not involve the input.
        /// </summary>
        private JsonArray Catchers(JsonArray catchers, Func<string, string> rename, List<KeyValuePair<string, JsonObject>> added, string raw)
        {
            var result = new JsonArray();
            var unwrapBy = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var node in catchers)
            {
                var catcher = (JsonObject)node!.DeepClone();
                var target = rename(Text(catcher, "Next")!);
                if (jsonata)
                {
                    foreach (var key in new[] { "Output", "Assign" })
                    {
                        if (catcher[key] != null)
                        {
                            catcher[key] = InputRebase.JsonAta(catcher[key]);
                        }
                    }

                    catcher["Next"] = target;
                }
                else
                {
                    if (!catcher.ContainsKey("ResultPath"))
                    {
                        catcher["ResultPath"] = raw;
                    }
                    else if (Text(catcher, "ResultPath") is string resultPath)
                    {
                        catcher["ResultPath"] = InputRebase.JsonPath(resultPath, raw);
                    }

                    if (!unwrapBy.TryGetValue(target, out var unwrap))
                    {
                        unwrap = names.Free(controlBase + "-caught");
                        unwrapBy[target] = unwrap;
                        added.Add(new KeyValuePair<string, JsonObject>(unwrap, new JsonObject
                        {
                            ["Type"] = "Pass",
                            ["Comment"] = $"Added by SfnResume: hands \"{target}\" what the original's catcher would.",
                            ["InputPath"] = raw,
                            ["Next"] = target,
                        }));
                    }

                    catcher["Next"] = unwrap;
                }

                result.Add(catcher);
            }

            return result;
        }

        /// <summary>A twin's branch (or item processor): the replay Choice, copies of the states, twins of the containers inside.</summary>
        private JsonObject BuildBranch(JsonObject branch, bool isMap, string replayPath, string replayExpression)
        {
            var states = (JsonObject)branch["States"]!;
            var copyNames = states.ToDictionary(s => s.Key, s => names.Free(s.Key + CopySuffix), StringComparer.Ordinal);
            Func<string, string> rename = n => copyNames.TryGetValue(n, out var copy) ? copy : n;
            var startAt = rename(Text(branch, "StartAt")!);

            // The control states' names come first, as they always have, so a copy's names do not change.
            var control = new BranchControl(names, controlBase, jsonata, isMap, AssignedIn(states), replayPath, replayExpression);

            var copies = new List<KeyValuePair<string, JsonObject>>();
            var targets = new List<(string State, string? Twin)>();
            foreach (var state in states)
            {
                var body = (JsonObject)state.Value!;
                copies.Add(new KeyValuePair<string, JsonObject>(copyNames[state.Key], CopyState(body, rename)));
                var twin = IsContainer(body) ? BuildTwin(state.Key, body, rename) : null;
                targets.Add((state.Key, twin?[0].Key));
                if (twin != null)
                {
                    copies.AddRange(twin);
                }
            }

            var result = new JsonObject();
            foreach (var member in branch)
            {
                if (member.Key != "StartAt" && member.Key != "States")
                {
                    result[member.Key] = member.Value?.DeepClone();
                }
            }

            var all = new JsonObject();
            foreach (var state in control.States(startAt, targets, rename).Concat(copies))
            {
                all[state.Key] = state.Value;
            }

            result["StartAt"] = control.Start;
            result["States"] = all;
            return result;
        }

        /// <summary>Variable names the states of one States object assign (on the state, its Choice rules, its catchers).</summary>
        private static IReadOnlyCollection<string> AssignedIn(JsonObject states)
        {
            var found = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var state in states.Select(s => s.Value).OfType<JsonObject>())
            {
                var holders = new List<JsonObject> { state };
                foreach (var listName in new[] { "Choices", "Catch" })
                {
                    holders.AddRange((state[listName] as JsonArray)?.OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>());
                }

                foreach (var assign in holders.Select(h => h["Assign"]).OfType<JsonObject>())
                {
                    found.UnionWith(assign.Select(v => v.Key.EndsWith(".$", StringComparison.Ordinal) ? v.Key.Substring(0, v.Key.Length - 2) : v.Key));
                }
            }

            return found;
        }

        /// <summary>A state under a new name: its transitions renamed, and any branches inside copied under new names too.</summary>
        private JsonObject CopyState(JsonObject body, Func<string, string> rename)
        {
            var copy = (JsonObject)body.DeepClone();
            Rename(copy, "Next", rename);
            Rename(copy, "Default", rename);
            foreach (var listName in new[] { "Choices", "Catch" })
            {
                if (copy[listName] is JsonArray list)
                {
                    foreach (var item in list.OfType<JsonObject>())
                    {
                        Rename(item, "Next", rename);
                    }
                }
            }

            if (copy["Branches"] is JsonArray branches)
            {
                for (var i = 0; i < branches.Count; i++)
                {
                    if (branches[i] is JsonObject branch)
                    {
                        branches[i] = CopyBranch(branch);
                    }
                }
            }

            foreach (var processorName in new[] { "ItemProcessor", "Iterator" })
            {
                if (copy[processorName] is JsonObject processor)
                {
                    copy[processorName] = CopyBranch(processor);
                }
            }

            return copy;
        }

        private JsonObject CopyBranch(JsonObject branch)
        {
            if (!(branch["States"] is JsonObject states))
            {
                return (JsonObject)branch.DeepClone();
            }

            var copyNames = states.ToDictionary(s => s.Key, s => names.Free(s.Key + CopySuffix), StringComparer.Ordinal);
            Func<string, string> rename = n => copyNames.TryGetValue(n, out var copy) ? copy : n;
            var result = new JsonObject();
            foreach (var member in branch)
            {
                if (member.Key == "StartAt")
                {
                    result["StartAt"] = rename(Text(branch, "StartAt") ?? string.Empty);
                }
                else if (member.Key == "States")
                {
                    var copied = new JsonObject();
                    foreach (var state in states)
                    {
                        copied[copyNames[state.Key]] = state.Value is JsonObject body ? CopyState(body, rename) : state.Value?.DeepClone();
                    }

                    result["States"] = copied;
                }
                else
                {
                    result[member.Key] = member.Value?.DeepClone();
                }
            }

            return result;
        }

        private static void Rename(JsonObject holder, string key, Func<string, string> rename)
        {
            if (Text(holder, key) is string name)
            {
                holder[key] = rename(name);
            }
        }

        private static string? Text(JsonObject holder, string key) => holder[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }
}
