using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
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
        private const int MaxStateName = 80;

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
            var taken = new HashSet<string>(definition.AllStates.Select(s => s.Name), StringComparer.Ordinal);
            var choiceName = FreeName(ChoiceBaseName, taken);
            var jsonata = definition.QueryLanguage == StateMachineDefinition.JsonAta;
            var targets = definition.TopLevelStates.ToList();
            var variables = definition.TopLevelVariables.OrderBy(v => v, StringComparer.Ordinal).ToList();
            var restoreName = variables.Count > 0 ? FreeName(choiceName + "-restore", taken) : null;
            var jumpName = FreeName(choiceName + "-jump", taken);
            var passNames = jsonata ? new Dictionary<string, string>() : targets.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => FreeName($"{choiceName}-{p.i + 1}", taken), StringComparer.Ordinal);
            var added = new List<string> { choiceName };
            added.AddRange(restoreName == null ? Array.Empty<string>() : new[] { restoreName });
            added.Add(jumpName);
            added.AddRange(passNames.Values);

            // Indented reads better; a large definition is written compact rather than pushed over the limit.
            var copy = WriteCopy(root, indented: true, definition, choiceName, restoreName, jumpName, targets, passNames, variables, jsonata);
            if (copy.Length > MaxDefinitionLength)
            {
                copy = WriteCopy(root, indented: false, definition, choiceName, restoreName, jumpName, targets, passNames, variables, jsonata);
            }

            if (copy.Length > MaxDefinitionLength)
            {
                throw new DefinitionFormatException($"The GoTo copy would be {copy.Length:N0} characters, over Step Functions' limit of {MaxDefinitionLength:N0} for a definition; the original is {definitionJson.Length:N0}.");
            }

            return new GoToDefinition(copy, choiceName, added, targets, variables, definition.QueryLanguage);
        }

        private static string WriteCopy(JsonElement root, bool indented, StateMachineDefinition definition, string choiceName, string? restoreName, string jumpName, List<string> targets, Dictionary<string, string> passNames, List<string> variables, bool jsonata)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                foreach (var member in root.EnumerateObject())
                {
                    if (member.NameEquals("StartAt"))
                    {
                        writer.WriteString("StartAt", choiceName);
                    }
                    else if (member.NameEquals("States"))
                    {
                        writer.WriteStartObject("States");
                        foreach (var state in member.Value.EnumerateObject())
                        {
                            state.WriteTo(writer);
                        }

                        WriteEntry(writer, choiceName, definition.StartAt, restoreName, jumpName, jsonata);
                        if (restoreName != null)
                        {
                            WriteRestore(writer, restoreName, jumpName, variables, jsonata);
                        }

                        WriteJump(writer, jumpName, definition.StartAt, targets, passNames, jsonata);
                        foreach (var target in targets.Where(passNames.ContainsKey))
                        {
                            WritePass(writer, passNames[target], target);
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

        /// <summary>One rule per top-level state; a state name that matches none takes the original start.</summary>
        private static void WriteJump(Utf8JsonWriter writer, string jumpName, string originalStart, List<string> targets, Dictionary<string, string> passNames, bool jsonata)
        {
            writer.WriteStartObject(jumpName);
            writer.WriteString("Type", "Choice");
            writer.WriteString("Comment", "Added by SfnResume: goes to the top-level state the resuming input names.");
            writer.WriteStartArray("Choices");
            foreach (var target in targets)
            {
                writer.WriteStartObject();
                if (jsonata)
                {
                    writer.WriteString("Condition", "{% $states.input." + ResumingKey + ".state = " + JsonAtaString(target) + " %}");
                    writer.WriteString("Output", "{% $states.input." + ResumingKey + ".input %}");
                    writer.WriteString("Next", target);
                }
                else
                {
                    writer.WriteString("Variable", "$." + ResumingKey + ".state");
                    writer.WriteString("StringEquals", target);
                    writer.WriteString("Next", passNames[target]);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("Default", originalStart);
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

        private static void WritePass(Utf8JsonWriter writer, string passName, string target)
        {
            writer.WriteStartObject(passName);
            writer.WriteString("Type", "Pass");
            writer.WriteString("Comment", $"Added by SfnResume: hands \"{target}\" the recorded input.");
            writer.WriteString("InputPath", "$." + ResumingKey + ".input");
            writer.WriteString("Next", target);
            writer.WriteEndObject();
        }

        /// <summary>The first of name, name_2, name_3, ... that no state uses, at most 80 characters.</summary>
        private static string FreeName(string wanted, HashSet<string> taken)
        {
            var candidate = wanted.Length > MaxStateName ? wanted.Substring(0, MaxStateName) : wanted;
            for (var n = 2; taken.Contains(candidate); n++)
            {
                var suffix = "_" + n;
                candidate = (wanted.Length + suffix.Length > MaxStateName ? wanted.Substring(0, MaxStateName - suffix.Length) : wanted) + suffix;
            }

            taken.Add(candidate);
            return candidate;
        }

        /// <summary>A JSONata string literal: single quotes, with quotes and backslashes escaped.</summary>
        private static string JsonAtaString(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

        /// <summary>A JSONata field name: backquoted, so any variable name is a path step.</summary>
        private static string JsonAtaName(string name) => "`" + name + "`";

        /// <summary>A JSONPath member step: bracket notation keeps names with dots or spaces intact.</summary>
        private static string JsonPathName(string name) => name.All(c => char.IsLetterOrDigit(c) || c == '_') ? name : "['" + name.Replace("'", "\\'") + "']";
    }
}
