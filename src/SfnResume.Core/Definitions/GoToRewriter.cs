using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace SfnResume.Definitions
{
    /// <summary>
    /// Makes the GoTo copy of a definition: the original plus a guarded Choice that becomes <c>StartAt</c>.
    /// <para>Input carrying <c>{"resuming": {"state": "T", "input": {...}, "variables": {...}}}</c> jumps to the
    /// top-level state T with exactly <c>input</c> and with the top-level variables restored; any other input
    /// takes the Choice's <c>Default</c>, the original start, so ordinary runs of the copy behave as the
    /// original. One rule per top-level state, so one copy serves every future failure of the definition.</para>
    /// <para>JSONPath: each rule tests <c>IsPresent</c> before comparing (a missing path fails a JSONPath
    /// Choice even with a Default), assigns the variables from <c>$.resuming.variables</c>, and goes through a
    /// Pass with <c>InputPath: $.resuming.input</c>. JSONata: each rule's <c>Condition</c> guards with
    /// <c>$exists</c>, and its <c>Output</c> and <c>Assign</c> hand over input and variables.</para>
    /// <para>The original members and states are written back unchanged; only <c>StartAt</c> changes and the
    /// new states are added after the original ones.</para>
    /// </summary>
    public sealed class GoToRewriter
    {
        public const string ChoiceBaseName = "GoToState";
        public const string ResumingKey = "resuming";
        private const int MaxStateName = 80;

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
            catch (Exception e) when (e is InvalidOperationException || e is ArgumentException)
            {
                throw new DefinitionFormatException("The definition holds text that is not valid Unicode (an unpaired surrogate?): " + e.Message, e);
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
            var passNames = jsonata ? new Dictionary<string, string>() : targets.ToDictionary(t => t, t => FreeName($"{choiceName}-{targets.IndexOf(t) + 1}", taken), StringComparer.Ordinal);
            var variables = definition.TopLevelVariables.OrderBy(v => v, StringComparer.Ordinal).ToList();

            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
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

                        WriteChoice(writer, choiceName, definition.StartAt, targets, passNames, variables, jsonata);
                        if (!jsonata)
                        {
                            foreach (var target in targets)
                            {
                                WritePass(writer, passNames[target], target);
                            }
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

            return new GoToDefinition(Encoding.UTF8.GetString(buffer.ToArray()), choiceName, targets, variables, definition.QueryLanguage);
        }

        private static void WriteChoice(Utf8JsonWriter writer, string choiceName, string originalStart, List<string> targets, Dictionary<string, string> passNames, List<string> variables, bool jsonata)
        {
            writer.WriteStartObject(choiceName);
            writer.WriteString("Type", "Choice");
            writer.WriteString("Comment", $"Added by SfnResume. Input with \"{ResumingKey}\": {{\"state\", \"input\", \"variables\"}} starts at that top-level state with that input; any other input starts at \"{originalStart}\" as the original does.");
            writer.WriteStartArray("Choices");
            foreach (var target in targets)
            {
                writer.WriteStartObject();
                if (jsonata)
                {
                    writer.WriteString("Condition", "{% $exists($states.input." + ResumingKey + ") and $type($states.input." + ResumingKey + ") = 'object' and $states.input." + ResumingKey + ".state = " + JsonAtaString(target) + " %}");
                    writer.WriteString("Output", "{% $states.input." + ResumingKey + ".input %}");
                    WriteAssign(writer, variables, v => "{% $exists($states.input." + ResumingKey + ".variables." + JsonAtaName(v) + ") ? $states.input." + ResumingKey + ".variables." + JsonAtaName(v) + " : null %}");
                    writer.WriteString("Next", target);
                }
                else
                {
                    writer.WriteStartArray("And");
                    WriteTest(writer, "$." + ResumingKey, "IsPresent", true);
                    WriteTest(writer, "$." + ResumingKey + ".state", "IsPresent", true);
                    WriteTest(writer, "$." + ResumingKey + ".state", "StringEquals", target);
                    writer.WriteEndArray();
                    WriteAssign(writer, variables.Select(v => v + ".$").ToList(), v => "$." + ResumingKey + ".variables." + JsonPathName(v.Substring(0, v.Length - 2)));
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
