using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using SfnResume.Definitions;

namespace SfnResume.GoTo
{
    /// <summary>
    /// JSONPath: a Choice rule compares one path at a time, and must test <c>IsPresent</c> before it compares
    /// (a missing path fails the execution, even with a Default); a rule cannot change the input, so a Pass
    /// with an <c>InputPath</c> hands the next state its input; a twin's paths read <c>$.input</c> where the
    /// original's read <c>$</c>.
    /// </summary>
    internal sealed class JsonPathDialect : QueryDialect
    {
        /// <summary>Paths that read the effective input (after InputPath), rebased onto it under the wrapped input.</summary>
        private static readonly string[] EffectiveInputPaths = { "ItemsPath", "MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath" };

        /// <summary>Fields that take the twin's input, written by <see cref="WrapInput"/> instead.</summary>
        private static readonly string[] InputFields = { "InputPath", "Parameters", "ItemSelector", "Arguments", "Items" };

        /// <summary>The wrapped input's original part: what the original state was entered with.</summary>
        internal const string Raw = "$." + InputRebase.InputKey;

        public override string QueryLanguage => StateMachineDefinition.JsonPath;

        public override JsonArray EntryRules(string location, string? restore, string jump)
        {
            var rules = new JsonArray();
            if (restore != null)
            {
                rules.Add(AllPresent(location, new[] { string.Empty, ".state", ".variables" }, restore));
            }

            rules.Add(AllPresent(location, new[] { string.Empty, ".state" }, jump));
            return rules;
        }

        public override JsonObject RestoreVariables(IEnumerable<string> variables, string location)
        {
            var assign = new JsonObject();
            foreach (var name in variables)
            {
                assign[name + ".$"] = $"{Path(location)}.variables.{MemberStep(name)}";
            }

            return assign;
        }

        public override string? HandOverPassName(StateNames names, string wanted) => names.Free(wanted);

        public override JsonObject JumpRule(string location, string state, bool withReplay, string target, string? passName, string purpose, ICollection<KeyValuePair<string, JsonObject>> passes)
        {
            var at = Path(location);
            var pass = passName ?? throw new ArgumentNullException(nameof(passName), "JSONPath hands the input over in a Pass.");
            passes.Add(Pair(pass, HandOver(Added + purpose, withReplay ? location : location + ".input", target)));
            var stateIs = new JsonObject { ["Variable"] = at + ".state", ["StringEquals"] = state };
            if (!withReplay)
            {
                stateIs["Next"] = pass;
                return stateIs;
            }

            return new JsonObject
            {
                ["And"] = new JsonArray(stateIs, Present(at + "." + TwinBuilder.ReplayKey)),
                ["Next"] = pass,
            };
        }

        public override JsonObject DiscardedRule(string location, string next) => new JsonObject
        {
            ["And"] = new JsonArray(new JsonObject { ["Variable"] = Path(location), ["IsNumeric"] = true }, new JsonObject { ["Variable"] = Path(location), ["NumericEquals"] = 0 }),
            ["Next"] = next,
        };

        public override (JsonObject Rule, JsonObject State) RecordedOutput(string location, string recorded, string comment)
        {
            var output = Path(location) + ".output";
            var rule = Present(output);
            rule["Next"] = recorded;
            return (rule, new JsonObject { ["Type"] = "Succeed", ["Comment"] = comment, ["InputPath"] = output });
        }

        public override JsonObject ResumeAtRule(string location, string next)
        {
            var rule = Present(Path(location) + ".state");
            rule["Next"] = next;
            return rule;
        }

        public override JsonObject HandOver(string comment, string location, string next) =>
            new JsonObject { ["Type"] = "Pass", ["Comment"] = comment, ["InputPath"] = Path(location), ["Next"] = next };

        public override string? WhyInputCannotBeWrapped(JsonObject container)
        {
            if (EffectiveInputPaths.Concat(new[] { "ResultPath", "OutputPath" }).Any(key => container[key] != null && StateFields.Text(container, key) == null))
            {
                return "one of its paths is not a string";
            }

            if (container.ContainsKey("InputPath"))
            {
                var inputPath = StateFields.Text(container, "InputPath");
                if (inputPath == null)
                {
                    return "its InputPath is null";
                }

                if (!InputRebase.IsDefinite(inputPath))
                {
                    return $"its InputPath ({inputPath}) is not a plain path";
                }
            }

            return null;
        }

        public override void CopyField(JsonObject original, string key, JsonObject twin)
        {
            if (Array.IndexOf(InputFields, key) >= 0)
            {
                return;
            }

            var value = original[key];
            if (key == "ResultPath" || key == "OutputPath")
            {
                twin[key] = value == null ? null : InputRebase.JsonPath(StateFields.Text(original, key)!, Raw);
            }
            else if (Array.IndexOf(EffectiveInputPaths, key) >= 0 && value is JsonValue)
            {
                twin[key] = InputRebase.JsonPath(StateFields.Text(original, key)!, EffectiveInput(original));
            }
            else
            {
                twin[key] = value?.DeepClone();
            }
        }

        public override void WrapInput(JsonObject original, JsonObject twin, bool isMap)
        {
            var effective = EffectiveInput(original);
            if (isMap)
            {
                // Each iteration is handed its item as the original would, and its own replay entry beside it.
                var selectorKey = original.ContainsKey("Parameters") ? "Parameters" : "ItemSelector";
                var selector = new JsonObject();
                var originalSelector = original["ItemSelector"] ?? original["Parameters"];
                if (originalSelector == null)
                {
                    selector[InputRebase.InputKey + ".$"] = "$$.Map.Item.Value";
                }
                else
                {
                    selector[InputRebase.InputKey] = InputRebase.Template(originalSelector, effective);
                }

                selector[TwinBuilder.ReplayKey + ".$"] = $"States.ArrayGetItem($.{TwinBuilder.ReplayKey}.{TwinBuilder.EntriesKey}, $$.Map.Item.Index)";
                twin[selectorKey] = selector;
                twin["ItemsPath"] = InputRebase.JsonPath(StateFields.Text(original, "ItemsPath") ?? "$", effective);
            }
            else
            {
                var parameters = new JsonObject();
                if (original["Parameters"] is JsonNode originalParameters)
                {
                    parameters[InputRebase.InputKey] = InputRebase.Template(originalParameters, effective);
                }
                else
                {
                    parameters[InputRebase.InputKey + ".$"] = effective;
                }

                parameters[TwinBuilder.ReplayKey + ".$"] = "$." + TwinBuilder.ReplayKey;
                twin["Parameters"] = parameters;
            }

            // The result goes where the original put it, inside the wrapped input, and the output is taken from there.
            if (!original.ContainsKey("ResultPath"))
            {
                twin["ResultPath"] = Raw;
            }

            if (!original.ContainsKey("OutputPath"))
            {
                twin["OutputPath"] = Raw;
            }
        }

        /// <summary>
        /// The error goes where the original's catcher puts it, inside the wrapped input, and a Pass (one for each
        /// target) unwraps the input before the catcher's Next.
        /// </summary>
        public override JsonArray Catchers(JsonArray catchers, Func<string, string> rename, Func<string> newPassName, ICollection<KeyValuePair<string, JsonObject>> added)
        {
            var result = new JsonArray();
            var unwrapBy = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var node in catchers)
            {
                var catcher = (JsonObject)node!.DeepClone();
                var target = rename(StateFields.Text(catcher, "Next")!);
                if (!catcher.ContainsKey("ResultPath"))
                {
                    catcher["ResultPath"] = Raw;
                }
                else if (StateFields.Text(catcher, "ResultPath") is string resultPath)
                {
                    catcher["ResultPath"] = InputRebase.JsonPath(resultPath, Raw);
                }

                if (!unwrapBy.TryGetValue(target, out var unwrap))
                {
                    unwrap = newPassName();
                    unwrapBy[target] = unwrap;
                    added.Add(Pair(unwrap, HandOver(Added + $"hands \"{target}\" what the original's catcher would.", InputRebase.InputKey, target)));
                }

                catcher["Next"] = unwrap;
                result.Add(catcher);
            }

            return result;
        }

        /// <summary>A JSONPath member step: bracket notation keeps names with dots or spaces intact.</summary>
        internal static string MemberStep(string name) => name.All(c => char.IsLetterOrDigit(c) || c == '_') ? name : "['" + name.Replace("'", "\\'") + "']";

        private static string Path(string location) => "$." + location;

        /// <summary>The original's effective input (after its InputPath), under the wrapped input.</summary>
        internal static string EffectiveInput(JsonObject original)
        {
            var inputPath = StateFields.Text(original, "InputPath");
            return Raw + (inputPath == null || inputPath == "$" ? string.Empty : inputPath.Substring(1));
        }

        private static JsonObject Present(string path) => new JsonObject { ["Variable"] = path, ["IsPresent"] = true };

        /// <summary>A rule to <paramref name="next"/> when every one of the paths under <paramref name="location"/> is present.</summary>
        private static JsonObject AllPresent(string location, IEnumerable<string> paths, string next) => new JsonObject
        {
            ["And"] = new JsonArray(paths.Select(path => (JsonNode)Present(Path(location) + path)).ToArray()),
            ["Next"] = next,
        };
    }
}
