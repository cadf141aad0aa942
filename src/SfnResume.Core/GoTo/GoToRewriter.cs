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
    /// over AWS's 1 MB definition limit. JSONPath: the guards test <c>IsPresent</c> before comparing (a missing
    /// path fails a JSONPath Choice even with a Default), and each target is reached through a Pass with
    /// <c>InputPath: $.resuming.input</c>. JSONata: the guard uses <c>$exists</c>, and each jump rule's
    /// <c>Output</c> hands over the input.</para>
    /// <para>The original members and states are written back unchanged; only <c>StartAt</c> changes and the
    /// new states are added after the original ones.</para>
    /// </summary>
    public sealed class GoToRewriter
    {
        public const string ChoiceBaseName = "GoToState";
        public const string ResumingKey = "resuming";

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
            var names = new StateNames(definition.AllStates.Select(s => s.Name));
            var choiceName = names.Free(ChoiceBaseName);
            var jsonata = definition.QueryLanguage == StateMachineDefinition.JsonAta;
            var targets = definition.TopLevelStates.ToList();
            var variables = definition.TopLevelVariables.OrderBy(v => v, StringComparer.Ordinal).ToList();
            var restoreName = variables.Count > 0 ? names.Free(choiceName + "-restore") : null;
            var jumpName = names.Free(choiceName + "-jump");
            var passNames = jsonata ? new Dictionary<string, string>() : targets.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => names.Free($"{choiceName}-{p.i + 1}"), StringComparer.Ordinal);
            var copy = new CopyParts(root, definition, choiceName, restoreName, jumpName, targets, passNames, variables, jsonata);

            // Twins (replay copies of Parallel and Map states) make resumes inside them precise; without them
            // the copy still resumes at the top-level state, re-running it whole.
            var precise = AddTwins(copy, root, names, definition.QueryLanguage);
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
            added.AddRange(copy.TwinPasses.Values.Where(p => p.Length > 0));
            added.AddRange(copy.TwinStates.Select(s => s.Key));
            var untwinned = new Dictionary<string, string>(copy.Untwinned, StringComparer.Ordinal);
            if (wholeReason != null)
            {
                foreach (var container in copy.AllTwins.Keys)
                {
                    untwinned[container] = wholeReason;
                }
            }

            return new GoToDefinition(text, choiceName, added, targets, variables, definition.QueryLanguage)
            {
                Twins = copy.Twins,
                Untwinned = untwinned,
            };
        }

        /// <summary>Adds a twin for every top-level Parallel and Map that can have one; true when any was added.</summary>
        private static bool AddTwins(CopyParts copy, JsonElement root, StateNames names, string queryLanguage)
        {
            var builder = new TwinBuilder(names, queryLanguage, copy.ChoiceName);
            var states = root.GetProperty("States");
            for (var i = 0; i < copy.Targets.Count; i++)
            {
                var target = copy.Targets[i];
                if (!states.TryGetProperty(target, out var element) || element.ValueKind != JsonValueKind.Object || !(JsonObject.Create(element) is JsonObject body) || !TwinBuilder.IsContainer(body))
                {
                    continue;
                }

                var twin = builder.BuildTopLevel(target, body, copy.Targets);
                if (twin != null)
                {
                    copy.TwinStates.AddRange(twin);
                    copy.TwinPasses[target] = copy.Jsonata ? string.Empty : names.Free($"{copy.ChoiceName}-{i + 1}-replay");
                }
            }

            foreach (var untwinned in builder.Untwinned)
            {
                copy.Untwinned[untwinned.Key] = untwinned.Value;
            }

            foreach (var twin in builder.Twins)
            {
                copy.AllTwins[twin.Key] = twin.Value;
            }

            copy.Twins = copy.TwinPasses.Keys.ToDictionary(t => t, t => builder.Twins[t], StringComparer.Ordinal);
            return copy.TwinStates.Count > 0;
        }

        /// <summary>Indented reads better; a large definition is written compact rather than pushed over the limit. Null when neither fits.</summary>
        private static string? Write(CopyParts copy, out int size)
        {
            var text = WriteCopy(copy, indented: true);
            if (text.Length > MaxDefinitionLength)
            {
                text = WriteCopy(copy, indented: false);
            }

            size = text.Length;
            return text.Length > MaxDefinitionLength ? null : text;
        }

        private static string WriteCopy(CopyParts copy, bool indented)
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

                        WriteEntry(writer, copy.ChoiceName, copy.Definition.StartAt, copy.RestoreName, copy.JumpName, copy.Jsonata);
                        if (copy.RestoreName != null)
                        {
                            WriteRestore(writer, copy.RestoreName, copy.JumpName, copy.Variables, copy.Jsonata);
                        }

                        WriteJump(writer, copy);
                        foreach (var target in copy.Targets.Where(copy.PassNames.ContainsKey))
                        {
                            WritePass(writer, copy.PassNames[target], target, "$." + ResumingKey + ".input", $"hands \"{target}\" the recorded input.");
                        }

                        foreach (var twinned in copy.TwinPasses.Where(p => p.Value.Length > 0))
                        {
                            WritePass(writer, twinned.Value, copy.Twins[twinned.Key], "$." + ResumingKey, $"hands the replay copy of \"{twinned.Key}\" the recorded input and what ran inside it.");
                        }

                        foreach (var twin in copy.TwinStates)
                        {
                            writer.WritePropertyName(twin.Key);
                            twin.Value.WriteTo(writer);
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

        /// <summary>The copy's start: a resuming input goes on to the restore (or the jump), any other to the original start.</summary>
        private static void WriteEntry(Utf8JsonWriter writer, string choiceName, string originalStart, string? restoreName, string jumpName, bool jsonata)
        {
            writer.WriteStartObject(choiceName);
            writer.WriteString("Type", "Choice");
            writer.WriteString("Comment", $"Added by SfnResume. Input with \"{ResumingKey}\": {{\"state\", \"input\", \"variables\"}} starts at that top-level state with that input; any other input starts at \"{originalStart}\" as the original does.");
            writer.WriteStartArray("Choices");
            if (jsonata)
            {
                writer.WriteStartObject();
                writer.WriteString("Condition", "{% $exists($states.input." + ResumingKey + ") and $type($states.input." + ResumingKey + ") = 'object' and $exists($states.input." + ResumingKey + ".state) %}");
                writer.WriteString("Next", restoreName ?? jumpName);
                writer.WriteEndObject();
            }
            else
            {
                if (restoreName != null)
                {
                    WriteGuard(writer, new[] { "", ".state", ".variables" }, restoreName);
                }

                WriteGuard(writer, new[] { "", ".state" }, jumpName);
            }

            writer.WriteEndArray();
            writer.WriteString("Default", originalStart);
            writer.WriteEndObject();
        }

        /// <summary>A JSONPath rule that every one of the paths under $.resuming is present.</summary>
        private static void WriteGuard(Utf8JsonWriter writer, IEnumerable<string> paths, string next)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("And");
            foreach (var path in paths)
            {
                WriteTest(writer, "$." + ResumingKey + path, "IsPresent", true);
            }

            writer.WriteEndArray();
            writer.WriteString("Next", next);
            writer.WriteEndObject();
        }

        /// <summary>Every top-level variable, once, from the resuming input; the input passes through unchanged.</summary>
        private static void WriteRestore(Utf8JsonWriter writer, string restoreName, string jumpName, List<string> variables, bool jsonata)
        {
            writer.WriteStartObject(restoreName);
            writer.WriteString("Type", "Pass");
            writer.WriteString("Comment", "Added by SfnResume: restores the top-level variables the skipped states would have set.");
            if (jsonata)
            {
                WriteAssign(writer, variables, v => "{% $exists($states.input." + ResumingKey + ".variables." + JsonAtaName(v) + ") ? $states.input." + ResumingKey + ".variables." + JsonAtaName(v) + " : null %}");
            }
            else
            {
                WriteAssign(writer, variables.Select(v => v + ".$").ToList(), v => "$." + ResumingKey + ".variables." + JsonPathName(v.Substring(0, v.Length - 2)));
            }

            writer.WriteString("Next", jumpName);
            writer.WriteEndObject();
        }

        /// <summary>
        /// One rule per top-level state; a state name that matches none takes the original start. A resuming
        /// input with replay data goes to the state's twin, ahead of its plain rule.
        /// </summary>
        private static void WriteJump(Utf8JsonWriter writer, CopyParts copy)
        {
            writer.WriteStartObject(copy.JumpName);
            writer.WriteString("Type", "Choice");
            writer.WriteString("Comment", "Added by SfnResume: goes to the top-level state the resuming input names.");
            writer.WriteStartArray("Choices");
            foreach (var target in copy.Targets)
            {
                if (copy.Twins.TryGetValue(target, out var twin))
                {
                    writer.WriteStartObject();
                    if (copy.Jsonata)
                    {
                        writer.WriteString("Condition", "{% $states.input." + ResumingKey + ".state = " + JsonAtaString(target) + " and $exists($states.input." + ResumingKey + "." + TwinBuilder.ReplayKey + ") %}");
                        writer.WriteString("Output", "{% $states.input." + ResumingKey + " %}");
                        writer.WriteString("Next", twin);
                    }
                    else
                    {
                        writer.WriteStartArray("And");
                        writer.WriteStartObject();
                        writer.WriteString("Variable", "$." + ResumingKey + ".state");
                        writer.WriteString("StringEquals", target);
                        writer.WriteEndObject();
                        WriteTest(writer, "$." + ResumingKey + "." + TwinBuilder.ReplayKey, "IsPresent", true);
                        writer.WriteEndArray();
                        writer.WriteString("Next", copy.TwinPasses[target]);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteStartObject();
                if (copy.Jsonata)
                {
                    writer.WriteString("Condition", "{% $states.input." + ResumingKey + ".state = " + JsonAtaString(target) + " %}");
                    writer.WriteString("Output", "{% $states.input." + ResumingKey + ".input %}");
                    writer.WriteString("Next", target);
                }
                else
                {
                    writer.WriteString("Variable", "$." + ResumingKey + ".state");
                    writer.WriteString("StringEquals", target);
                    writer.WriteString("Next", copy.PassNames[target]);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("Default", copy.Definition.StartAt);
            writer.WriteEndObject();
        }

        private static void WriteTest(Utf8JsonWriter writer, string variable, string test, object value)
        {
            writer.WriteStartObject();
            writer.WriteString("Variable", variable);
            if (value is bool flag)
            {
                writer.WriteBoolean(test, flag);
            }
            else
            {
                writer.WriteString(test, (string)value);
            }

            writer.WriteEndObject();
        }

        private static void WriteAssign(Utf8JsonWriter writer, IReadOnlyCollection<string> names, Func<string, string> value)
        {
            if (names.Count == 0)
            {
                return;
            }

            writer.WriteStartObject("Assign");
            foreach (var name in names)
            {
                writer.WriteString(name, value(name));
            }

            writer.WriteEndObject();
        }

        private static void WritePass(Utf8JsonWriter writer, string passName, string target, string inputPath, string purpose)
        {
            writer.WriteStartObject(passName);
            writer.WriteString("Type", "Pass");
            writer.WriteString("Comment", "Added by SfnResume: " + purpose);
            writer.WriteString("InputPath", inputPath);
            writer.WriteString("Next", target);
            writer.WriteEndObject();
        }

        /// <summary>A JSONata string literal: single quotes, with quotes and backslashes escaped.</summary>
        internal static string JsonAtaString(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

        /// <summary>A JSONata field name: backquoted, so any variable name is a path step.</summary>
        internal static string JsonAtaName(string name) => "`" + name + "`";

        /// <summary>A JSONPath member step: bracket notation keeps names with dots or spaces intact.</summary>
        internal static string JsonPathName(string name) => name.All(c => char.IsLetterOrDigit(c) || c == '_') ? name : "['" + name.Replace("'", "\\'") + "']";
    }
}
