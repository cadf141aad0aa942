using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfnResume.Definitions;

namespace SfnResume.GoTo
{
    /// <summary>
    /// Makes the GoTo copy of a definition: the original plus a few added states, the first of them a guarded
    /// Choice that becomes <c>StartAt</c>.
    /// <para>Input carrying <c>{"resuming": {"state": "T", "input": {...}, "variables": {...}}}</c> jumps to the
    /// top-level state T with exactly <c>input</c> and with the top-level variables restored; any other input
    /// takes the original start, so ordinary runs of the copy behave as the original. One copy serves every
    /// future failure of the definition.</para>
    /// <para>The path is GoToState (is this a resuming input?) -> GoToState-restore (all variables, once) ->
    /// GoToState-jump (one rule per top-level state), so the copy costs the original plus O(states +
    /// variables): restoring every variable in every rule made 100 states x 100 variables a 1.45 MB copy,
    /// over AWS's 1 MB definition limit. How the rules test the input and hand it over is the definition's
    /// <see cref="QueryDialect"/>'s: JSONPath reaches each target through a Pass with
    /// <c>InputPath: $.resuming.input</c>, JSONata's jump rule hands it over in its <c>Output</c>.</para>
    /// <para>The original members and states are written back unchanged; only <c>StartAt</c> changes and the
    /// new states are added after the original ones.</para>
    /// </summary>
    public sealed class GoToRewriter
    {
        public const string ChoiceBaseName = "GoToState";
        public const string ResumingKey = "resuming";

        /// <summary>The comment of the jump Choice: how a resume-ready definition's original state order is found again.</summary>
        internal const string JumpComment = "Added by SfnResume: goes to the top-level state the resuming input names.";

        /// <summary>Step Functions' limit on a definition (the API model's maximum length).</summary>
        private const int MaxDefinitionLength = 1_048_576;

        /// <exception cref="DefinitionFormatException">The definition is not one Step Functions would run.</exception>
        public GoToDefinition Rewrite(string definitionJson)
        {
            var definition = StateMachineDefinition.Parse(definitionJson);
            if (definition.TopLevelStates.Count == 0)
            {
                throw new DefinitionFormatException("The definition has no states.");
            }

            if (!definition.TopLevelStates.Contains(definition.StartAt))
            {
                throw new DefinitionFormatException(string.IsNullOrEmpty(definition.StartAt)
                    ? "The definition has no StartAt."
                    : $"StartAt is '{definition.StartAt}', which is not one of the top-level states; Step Functions would not run this definition.");
            }

            try
            {
                return RewriteParsed(definitionJson, definition);
            }
            catch (Exception e) when (DefinitionFormatException.IsInvalidUnicode(e))
            {
                // Parsing reads only names; writing the original states back meets every string in them.
                throw DefinitionFormatException.InvalidUnicode(e);
            }
        }

        private GoToDefinition RewriteParsed(string definitionJson, StateMachineDefinition definition)
        {
            using var document = JsonDocument.Parse(definitionJson, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            var dialect = QueryDialect.For(definition.QueryLanguage);
            var names = new StateNames(definition.AllStates.Select(s => s.Name));
            var choiceName = names.Free(ChoiceBaseName);
            var targets = definition.TopLevelStates.ToList();
            var variables = definition.TopLevelVariables.OrderBy(v => v, StringComparer.Ordinal).ToList();
            var restoreName = variables.Count > 0 ? names.Free(choiceName + "-restore") : null;
            var jumpName = names.Free(choiceName + "-jump");
            var passNames = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < targets.Count; i++)
            {
                if (dialect.HandOverPassName(names, $"{choiceName}-{i + 1}") is string pass)
                {
                    passNames[targets[i]] = pass;
                }
            }

            var copy = new CopyParts(root, definition, choiceName, restoreName, jumpName, targets, passNames, variables, dialect);

            // Twins (replay copies of Parallel and Map states) make resumes inside them precise; without them
            // the copy still resumes at the top-level state, re-running it whole.
            var precise = AddTwins(copy, root, names);
            var text = Write(copy, out var size);
            string? wholeReason = null;
            if (text == null && precise)
            {
                wholeReason = $"with replay copies of its Parallel and Map states the copy would be {size:N0} characters, over Step Functions' limit of {MaxDefinitionLength:N0}";
                copy.WithoutTwins();
                text = Write(copy, out size);
            }

            if (text == null)
            {
                throw new DefinitionFormatException($"The GoTo copy would be {size:N0} characters, over Step Functions' limit of {MaxDefinitionLength:N0} for a definition; the original is {definitionJson.Length:N0}.");
            }

            var added = new List<string> { choiceName };
            added.AddRange(restoreName == null ? Array.Empty<string>() : new[] { restoreName });
            added.Add(jumpName);
            added.AddRange(passNames.Values);
            added.AddRange(copy.TwinPasses.Values);
            added.AddRange(copy.TwinStates.Select(s => s.Key));
            var untwinned = new Dictionary<string, string>(copy.Untwinned, StringComparer.Ordinal);
            if (wholeReason != null)
            {
                foreach (var container in copy.AllTwins.Keys)
                {
                    untwinned[container] = wholeReason;
                }
            }

            var states = root.GetProperty("States");
            return new GoToDefinition(text, choiceName, added, targets, variables, definition.QueryLanguage)
            {
                Twins = copy.Twins,
                Untwinned = untwinned,
                OriginalNames = copy.TwinStates.Count == 0 ? new Dictionary<string, string>(StringComparer.Ordinal) : copy.Originals,
                TwinNames = copy.TwinStates.Count == 0 ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(copy.AllTwins.Values, StringComparer.Ordinal),
                DistributedTwins = copy.Twins.Keys.Where(name => JsonObject.Create(states.GetProperty(name)) is JsonObject body && DistributedTwin.IsDistributed(body)).ToList(),
            };
        }

        /// <summary>Adds a twin for every top-level Parallel and Map that can have one; true when any was added.</summary>
        private static bool AddTwins(CopyParts copy, JsonElement root, StateNames names)
        {
            var builder = new TwinBuilder(names, copy.Dialect, copy.ChoiceName);
            var states = root.GetProperty("States");
            for (var i = 0; i < copy.Targets.Count; i++)
            {
                var target = copy.Targets[i];
                if (!states.TryGetProperty(target, out var element) || element.ValueKind != JsonValueKind.Object || !(JsonObject.Create(element) is JsonObject body) || !StateFields.IsContainer(body))
                {
                    continue;
                }

                var twin = builder.BuildTopLevel(target, body, copy.Targets);
                if (twin != null)
                {
                    copy.TwinStates.AddRange(twin);
                    copy.Twins[target] = twin[0].Key;
                    if (copy.Dialect.HandOverPassName(names, $"{copy.ChoiceName}-{i + 1}-replay") is string pass)
                    {
                        copy.TwinPasses[target] = pass;
                    }
                }
            }

            foreach (var untwinned in builder.Untwinned)
            {
                copy.Untwinned[untwinned.Key] = untwinned.Value;
            }

            foreach (var twin in builder.Twins)
            {
                copy.AllTwins[twin.Key] = twin.Value;
                copy.Originals[twin.Value] = twin.Key;
            }

            foreach (var copied in builder.CopiedStates)
            {
                copy.Originals[copied.Key] = copied.Value;
            }

            return copy.TwinStates.Count > 0;
        }

        /// <summary>Indented reads better; a large definition is written compact rather than pushed over the limit. Null when neither fits.</summary>
        private static string? Write(CopyParts copy, out int size)
        {
            var added = AddedStates(copy);
            var text = WriteCopy(copy, added, indented: true);
            if (text.Length > MaxDefinitionLength)
            {
                text = WriteCopy(copy, added, indented: false);
            }

            size = text.Length;
            return text.Length > MaxDefinitionLength ? null : text;
        }

        /// <summary>The original's members and states as they were written (only StartAt changes), then the added states.</summary>
        private static string WriteCopy(CopyParts copy, List<KeyValuePair<string, JsonObject>> added, bool indented)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                foreach (var member in copy.Root.EnumerateObject())
                {
                    if (member.NameEquals("StartAt"))
                    {
                        writer.WriteString("StartAt", copy.ChoiceName);
                    }
                    else if (member.NameEquals("States"))
                    {
                        writer.WriteStartObject("States");
                        foreach (var state in member.Value.EnumerateObject())
                        {
                            state.WriteTo(writer);
                        }

                        foreach (var state in added)
                        {
                            writer.WritePropertyName(state.Key);
                            state.Value.WriteTo(writer);
                        }

                        writer.WriteEndObject();
                    }
                    else
                    {
                        member.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        /// <summary>
        /// The states the copy adds, in order: the entry Choice, the restore, the jump, the Passes its rules need,
        /// then the top-level twins and the states they bring.
        /// </summary>
        private static List<KeyValuePair<string, JsonObject>> AddedStates(CopyParts copy)
        {
            var dialect = copy.Dialect;
            var states = new List<KeyValuePair<string, JsonObject>>
            {
                Pair(copy.ChoiceName, new JsonObject
                {
                    ["Type"] = "Choice",
                    ["Comment"] = $"Added by SfnResume. Input with \"{ResumingKey}\": {{\"state\", \"input\", \"variables\"}} starts at that top-level state with that input; any other input starts at \"{copy.Definition.StartAt}\" as the original does.",
                    ["Choices"] = dialect.EntryRules(ResumingKey, copy.RestoreName, copy.JumpName),
                    ["Default"] = copy.Definition.StartAt,
                }),
            };

            if (copy.RestoreName != null)
            {
                // Every top-level variable, once; the input passes through unchanged.
                states.Add(Pair(copy.RestoreName, new JsonObject
                {
                    ["Type"] = "Pass",
                    ["Comment"] = "Added by SfnResume: restores the top-level variables the skipped states would have set.",
                    ["Assign"] = dialect.RestoreVariables(copy.Variables, ResumingKey),
                    ["Next"] = copy.JumpName,
                }));
            }

            // One rule per top-level state, a state name that matches none taking the original start; a resuming
            // input with replay data goes to the state's twin, ahead of its plain rule.
            var rules = new JsonArray();
            var passes = new List<KeyValuePair<string, JsonObject>>();
            var twinPasses = new List<KeyValuePair<string, JsonObject>>();
            foreach (var target in copy.Targets)
            {
                if (copy.Twins.TryGetValue(target, out var twin))
                {
                    var purpose = $"hands the replay copy of \"{target}\" the recorded input and what ran inside it.";
                    rules.Add(dialect.JumpRule(ResumingKey, target, withReplay: true, twin, copy.TwinPasses.TryGetValue(target, out var twinPass) ? twinPass : null, purpose, twinPasses));
                }

                var pass = copy.PassNames.TryGetValue(target, out var name) ? name : null;
                rules.Add(dialect.JumpRule(ResumingKey, target, withReplay: false, target, pass, $"hands \"{target}\" the recorded input.", passes));
            }

            states.Add(Pair(copy.JumpName, new JsonObject
            {
                ["Type"] = "Choice",
                ["Comment"] = JumpComment,
                ["Choices"] = rules,
                ["Default"] = copy.Definition.StartAt,
            }));
            states.AddRange(passes);
            states.AddRange(twinPasses);
            states.AddRange(copy.TwinStates);
            return states;
        }

        private static KeyValuePair<string, JsonObject> Pair(string name, JsonObject body) => new KeyValuePair<string, JsonObject>(name, body);
    }
}
