using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using SfnResume.Definitions;

namespace SfnResume.GoTo
{
    /// <summary>
    /// JSONata: a Choice rule is one <c>Condition</c>, which <c>$exists</c> keeps from failing on a missing
    /// field, and its <c>Output</c> hands the next state its input, so no Pass is needed; a twin's expressions
    /// read <c>$states.input.input</c> where the original's read <c>$states.input</c>.
    /// </summary>
    internal sealed class JsonAtaDialect : QueryDialect
    {
        /// <summary>Fields that take the twin's input, written by <see cref="WrapInput"/> instead.</summary>
        private static readonly string[] InputFields = { "InputPath", "ItemSelector", "Arguments", "Items" };

        private static readonly string WrappedInput = "$states.input." + InputRebase.InputKey;

        public override string QueryLanguage => StateMachineDefinition.JsonAta;

        public override JsonArray EntryRules(string location, string? restore, string jump)
        {
            var at = Read(location);
            return new JsonArray(new JsonObject
            {
                ["Condition"] = Expression($"$exists({at}) and $type({at}) = 'object' and $exists({at}.state)"),
                ["Next"] = restore ?? jump,
            });
        }

        public override JsonObject RestoreVariables(IEnumerable<string> variables, string location)
        {
            var assign = new JsonObject();
            foreach (var name in variables)
            {
                var value = $"{Read(location)}.variables.{FieldName(name)}";
                assign[name] = Expression($"$exists({value}) ? {value} : null");
            }

            return assign;
        }

        public override string? HandOverPassName(StateNames names, string wanted) => null;

        public override JsonObject JumpRule(string location, string state, bool withReplay, string target, string? passName, string purpose, ICollection<KeyValuePair<string, JsonObject>> passes)
        {
            var at = Read(location);
            var stateIs = $"{at}.state = {StringLiteral(state)}";
            return new JsonObject
            {
                ["Condition"] = Expression(withReplay ? $"{stateIs} and $exists({at}.{TwinBuilder.ReplayKey})" : stateIs),
                ["Output"] = Expression(withReplay ? at : at + ".input"),
                ["Next"] = target,
            };
        }

        public override JsonObject DiscardedRule(string location, string next)
        {
            var at = Read(location);
            return new JsonObject { ["Condition"] = Expression($"$type({at}) = 'number' and {at} = 0"), ["Next"] = next };
        }

        public override (JsonObject Rule, JsonObject State) RecordedOutput(string location, string recorded, string comment)
        {
            var output = Read(location) + ".output";
            var rule = new JsonObject { ["Condition"] = Expression($"$exists({output})"), ["Output"] = Expression(output), ["Next"] = recorded };
            return (rule, new JsonObject { ["Type"] = "Succeed", ["Comment"] = comment });
        }

        public override JsonObject ResumeAtRule(string location, string next) =>
            new JsonObject { ["Condition"] = Expression($"$exists({Read(location)}.state)"), ["Next"] = next };

        public override JsonObject HandOver(string comment, string location, string next) =>
            new JsonObject { ["Type"] = "Pass", ["Comment"] = comment, ["Output"] = Expression(Read(location)), ["Next"] = next };

        /// <summary>JSONata expressions are rebased as they are, whatever they read.</summary>
        public override string? WhyInputCannotBeWrapped(JsonObject container) => null;

        public override void CopyField(JsonObject original, string key, JsonObject twin)
        {
            if (Array.IndexOf(InputFields, key) < 0)
            {
                twin[key] = InputRebase.JsonAta(original[key]);
            }
        }

        public override void WrapInput(JsonObject original, JsonObject twin, bool isMap)
        {
            if (isMap)
            {
                // Each iteration is handed its item as the original would, and its own replay entry beside it.
                twin["Items"] = original["Items"] == null ? Expression(WrappedInput) : InputRebase.JsonAta(original["Items"]);
                twin["ItemSelector"] = new JsonObject
                {
                    [InputRebase.InputKey] = original["ItemSelector"] == null ? Expression("$states.context.Map.Item.Value") : InputRebase.JsonAta(original["ItemSelector"]),
                    [TwinBuilder.ReplayKey] = Expression($"$states.input.{TwinBuilder.ReplayKey}.{TwinBuilder.EntriesKey}[$states.context.Map.Item.Index]"),
                };
            }
            else
            {
                twin["Arguments"] = new JsonObject
                {
                    [InputRebase.InputKey] = original["Arguments"] == null ? Expression(WrappedInput) : InputRebase.JsonAta(original["Arguments"]),
                    [TwinBuilder.ReplayKey] = Expression($"$states.input.{TwinBuilder.ReplayKey}"),
                };
            }
        }

        /// <summary>A JSONata catcher's error output does not involve the input: only its expressions are rebased.</summary>
        public override JsonArray Catchers(JsonArray catchers, Func<string, string> rename, Func<string> newPassName, ICollection<KeyValuePair<string, JsonObject>> added)
        {
            var result = new JsonArray();
            foreach (var node in catchers)
            {
                var catcher = (JsonObject)node!.DeepClone();
                foreach (var key in new[] { "Output", "Assign" })
                {
                    if (catcher[key] != null)
                    {
                        catcher[key] = InputRebase.JsonAta(catcher[key]);
                    }
                }

                catcher["Next"] = rename(StateFields.Text(catcher, "Next")!);
                result.Add(catcher);
            }

            return result;
        }

        /// <summary>A JSONata string literal: single quotes, with quotes and backslashes escaped.</summary>
        internal static string StringLiteral(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

        /// <summary>A JSONata field name: backquoted, so any variable name is a path step.</summary>
        internal static string FieldName(string name) => "`" + name + "`";

        private static string Read(string location) => "$states.input." + location;

        private static JsonNode Expression(string expression) => JsonValue.Create("{% " + expression + " %}");
    }
}
