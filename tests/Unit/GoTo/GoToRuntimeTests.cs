using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.GoTo
{
    /// <summary>
    /// GoTo copies run by independent interpreters. JSONPath: aws-local-stepfunctions executes every copy of
    /// tests/fixtures/aws-definitions with a resuming input for each top-level state and with an ordinary
    /// input. JSONata (which that interpreter does not run): the reference jsonata package evaluates each
    /// rule's Condition and Output.
    /// </summary>
    public sealed class GoToRuntimeTests
    {

        private static string RecordedInputFor(string target) => JsonSerializer.Serialize(new { marker = target, n = 7, nested = new[] { 1, 2 } });

        [Fact]
        public void Resuming_input_reaches_each_top_level_state_with_exactly_the_recorded_input_and_ordinary_input_takes_the_original_path()
        {
            var folder = Directory.CreateTempSubdirectory("sfnresume-run-").FullName;
            try
            {
                var jobs = new List<string>();
                var expectations = new List<(string File, int Index, string? Target)>();
                var ordinaryOriginals = new Dictionary<string, string>();
                const string ordinary = "{\"hello\":\"world\"}";
                foreach (var original in DefinitionFixtures.Rewritable())
                {
                    var copy = new GoToRewriter().Rewrite(File.ReadAllText(original));
                    if (copy.QueryLanguage != StateMachineDefinition.JsonPath)
                    {
                        continue;
                    }

                    // The copy is what a team deploys as its resume-ready definition: the interpreter runs those bytes.
                    var file = Path.Combine(folder, Path.GetFileName(original));
                    File.WriteAllText(file, SfnResume.ResumeReady.ResumeReadyDefinitions.Make(File.ReadAllText(original)));
                    Assert.Equal(copy.Definition, File.ReadAllText(file));
                    var added = copy.AddedStates.ToList();
                    var inputs = copy.Targets.Select(t => ResumingInput.Create(t, RecordedInputFor(t), new Dictionary<string, string>(), copy.Variables)).Append(ordinary).ToList();
                    jobs.Add(Job(file, added, inputs));
                    expectations.AddRange(copy.Targets.Select((t, i) => (file, i, (string?)t)));
                    expectations.Add((file, copy.Targets.Count, null));
                    jobs.Add(Job(original, new List<string>(), new List<string> { ordinary }));
                    ordinaryOriginals[file] = original;
                }

                var outcomes = NodeOracle.Run("run-goto.mjs", Array.Empty<string>(), string.Join("\n", jobs))
                    .ToDictionary(o => (o.GetProperty("file").GetString()!, o.GetProperty("index").GetInt32()));

                Assert.True(ordinaryOriginals.Count > 150, $"only {ordinaryOriginals.Count} JSONPath definitions were run");
                foreach (var (file, index, target) in expectations)
                {
                    var outcome = outcomes[(file, index)];
                    var name = Path.GetFileName(file);
                    if (target != null)
                    {
                        Assert.False(outcome.TryGetProperty("error", out var error), $"{name}, resuming at {target}: {error}");
                        Assert.Equal(target, outcome.GetProperty("state").GetString());
                        Assert.Equal(RecordedInputFor(target), JsonSerializer.Serialize(outcome.GetProperty("input")));
                    }
                    else
                    {
                        // An ordinary input runs the copy exactly as it runs the original: same first state, same input
                        // (or the same failure, for the few recorded definitions that are broken on purpose).
                        var originalOutcome = outcomes[(ordinaryOriginals[file], 0)];
                        Assert.Equal(Describe(originalOutcome), Describe(outcome));
                    }
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public void JSONata_rules_match_only_their_resuming_input_and_hand_over_the_recorded_input_and_variables()
        {
            var folder = Directory.CreateTempSubdirectory("sfnresume-jsonata-").FullName;
            try
            {
                var jobs = new List<string>();
                var cases = new List<(string File, int Index, string? Target, IReadOnlyList<string> Variables)>();
                var copyTargets = new Dictionary<string, int>();
                var ordinaryInputs = new[] { "{\"hello\":\"world\"}", "{\"resuming\":true}", "{\"resuming\":{\"state\":\"NoSuchState\"}}", "\"just a string\"" };
                foreach (var original in DefinitionFixtures.Rewritable())
                {
                    var copy = new GoToRewriter().Rewrite(File.ReadAllText(original));
                    if (copy.QueryLanguage != StateMachineDefinition.JsonAta)
                    {
                        continue;
                    }

                    var file = Path.Combine(folder, Path.GetFileName(original));
                    File.WriteAllText(file, copy.Definition);
                    var variables = copy.Variables.ToDictionary(v => v, v => JsonSerializer.Serialize(new { value = v }));
                    var inputs = copy.Targets.Select(t => ResumingInput.Create(t, RecordedInputFor(t), variables, copy.Variables)).Concat(ordinaryInputs).ToList();
                    jobs.Add("{\"file\":" + JsonSerializer.Serialize(file) + ",\"added\":" + JsonSerializer.Serialize(copy.AddedStates) + ",\"inputs\":[" + string.Join(",", inputs) + "]}");
                    cases.AddRange(copy.Targets.Select((t, i) => (file, i, (string?)t, copy.Variables)));
                    copyTargets[file] = copy.Targets.Count;
                    cases.AddRange(ordinaryInputs.Select((_, i) => (file, copy.Targets.Count + i, (string?)null, copy.Variables)));
                }

                var outcomes = NodeOracle.Run("evaluate-goto-jsonata.mjs", Array.Empty<string>(), string.Join("\n", jobs))
                    .ToDictionary(o => (o.GetProperty("file").GetString()!, o.GetProperty("index").GetInt32()));

                Assert.True(jobs.Count >= 20, $"only {jobs.Count} JSONata definitions were evaluated");
                foreach (var (file, index, target, variables) in cases)
                {
                    var outcome = outcomes[(file, index)];
                    var name = Path.GetFileName(file);
                    Assert.False(outcome.TryGetProperty("error", out var error), $"{name}, input {index}: {error}");
                    if (target == null)
                    {
                        // Ordinary input reaches the original start unchanged.
                        Assert.Equal(StartAtOf(file), outcome.GetProperty("next").GetString());
                        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(ordinaryInputs[index - copyTargets[file]]).RootElement), JsonSerializer.Serialize(outcome.GetProperty("output")));
                        continue;
                    }

                    Assert.Equal(target, outcome.GetProperty("next").GetString());
                    Assert.Equal(RecordedInputFor(target), JsonSerializer.Serialize(outcome.GetProperty("output")));
                    var assigned = outcome.GetProperty("assign");
                    Assert.Equal(variables.OrderBy(v => v, StringComparer.Ordinal), assigned.EnumerateObject().Select(p => p.Name).OrderBy(v => v, StringComparer.Ordinal));
                    Assert.All(variables, v => Assert.Equal(v, assigned.GetProperty(v).GetProperty("value").GetString()));
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private static string StartAtOf(string copyFile)
        {
            using var copy = JsonDocument.Parse(File.ReadAllText(copyFile));
            var choice = copy.RootElement.GetProperty("States").GetProperty(copy.RootElement.GetProperty("StartAt").GetString()!);
            return choice.GetProperty("Default").GetString()!;
        }

        private static string Job(string file, List<string> added, List<string> inputs) =>
            "{\"file\":" + JsonSerializer.Serialize(file) + ",\"added\":" + JsonSerializer.Serialize(added) + ",\"inputs\":[" + string.Join(",", inputs) + "]}";

        private static string Describe(JsonElement outcome) =>
            outcome.TryGetProperty("error", out var error) ? "error: " + error.GetString()
                : outcome.GetProperty("state").GetString() + " <- " + JsonSerializer.Serialize(outcome.GetProperty("input"));
    }
}
