using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.ResumeReady;
using SfnResume.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SfnResume.Tests.ResumeReady
{
    /// <summary>
    /// A team deploys the resume-ready form as its production definition, so every ordinary execution runs it:
    /// it must do exactly what the original does. An independent interpreter (aws-local-stepfunctions, JSONPath
    /// only) runs each recorded definition and its resume-ready form to the end on the same inputs, every Task
    /// answering with its input, and the two runs are compared: the Tasks called and with what, the original's
    /// states entered, and the output or the failure.
    /// </summary>
    public sealed class ResumeReadyOrdinaryRunTests
    {
        /// <summary>A definition that loops on Task answers that never change is stopped here, in both forms.</summary>
        private const int MaxStates = 400;

        private static readonly string[] OrdinaryInputs = { "{\"items\":[1,2,3],\"id\":\"42\",\"status\":\"SUCCEEDED\",\"detail\":{\"id\":\"42\"}}" };

        private readonly ITestOutputHelper output;

        public ResumeReadyOrdinaryRunTests(ITestOutputHelper output) => this.output = output;

        [Fact]
        public void Ordinary_input_runs_every_resume_ready_definition_to_the_same_end_with_the_same_Task_calls_as_the_original()
        {
            using var folder = new TempFolder();
            var pairs = new List<(string Name, HashSet<string> Added, int Input)>();
            var jobs = new List<string>();
            foreach (var original in DefinitionFixtures.Rewritable())
            {
                var text = File.ReadAllText(original);
                var copy = new GoToRewriter().Rewrite(text);
                if (copy.QueryLanguage != StateMachineDefinition.JsonPath)
                {
                    continue;
                }

                var name = Path.GetFileName(original);
                var originalFile = folder.Write("original-" + name, text);
                var readyFile = folder.Write("ready-" + name, ResumeReadyDefinitions.Make(text));
                for (var input = 0; input < OrdinaryInputs.Length; input++)
                {
                    pairs.Add((name, new HashSet<string>(copy.AddedStates, StringComparer.Ordinal), input));
                    jobs.Add(Job(originalFile, OrdinaryInputs[input]));
                    jobs.Add(Job(readyFile, OrdinaryInputs[input]));
                }
            }

            var outcomes = NodeOracle.Run("run-replay.mjs", Array.Empty<string>(), string.Join("\n", jobs) + "\n");
            Assert.Equal(jobs.Count, outcomes.Count);

            var differences = new List<string>();
            int succeeded = 0, failed = 0, capped = 0;
            for (var i = 0; i < pairs.Count; i++)
            {
                var (name, added, input) = pairs[i];
                var before = outcomes[2 * i];
                var after = outcomes[2 * i + 1];
                var kind = KindOf(before);
                if (kind != KindOf(after))
                {
                    differences.Add($"{name}, input {input}: the original {Describe(before)}, the resume-ready form {Describe(after)}");
                    continue;
                }

                if (kind == "capped")
                {
                    // Both loop; what each did within the cap depends on how many states the cap counts.
                    capped++;
                    continue;
                }

                var what = new List<string>();
                if (kind == "output" && Steady(before.GetProperty("output").GetRawText()) != Steady(after.GetProperty("output").GetRawText()))
                {
                    what.Add($"output {before.GetProperty("output")} became {after.GetProperty("output")}");
                }

                if (kind == "error" && before.GetProperty("error").GetString() != after.GetProperty("error").GetString())
                {
                    what.Add($"error '{before.GetProperty("error").GetString()}' became '{after.GetProperty("error").GetString()}'");
                }

                // Parallel branches and Map iterations interleave, so the calls and states are compared as sets with counts.
                if (Calls(before) != Calls(after))
                {
                    what.Add($"Task calls {Calls(before)} became {Calls(after)}");
                }

                if (Entered(before, added) != Entered(after, added))
                {
                    what.Add($"states entered {Entered(before, added)} became {Entered(after, added)}");
                }

                if (what.Count > 0)
                {
                    differences.Add($"{name}, input {input}: {string.Join("; ", what)}");
                }
                else if (kind == "output")
                {
                    succeeded++;
                }
                else
                {
                    failed++;
                }
            }

            output.WriteLine($"{pairs.Count / OrdinaryInputs.Length} definitions, {pairs.Count} runs of each form: {succeeded} succeeded alike, {failed} failed alike, {capped} looped past {MaxStates} states in both.");
            foreach (var difference in differences)
            {
                output.WriteLine(difference);
            }

            Assert.Empty(differences);

            // The comparison means something only if many runs get past their first state and end well.
            Assert.True(succeeded >= 60, $"only {succeeded} runs succeeded");
        }

        /// <summary>What differs from run to run of either form: the clock ($$.Execution.StartTime) and States.UUID().</summary>
        private static string Steady(string json) => System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(json, @"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", "<time>"),
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>");

        private static string Job(string file, string input) => "{\"file\":" + JsonSerializer.Serialize(file) + ",\"input\":" + input + ",\"maxStates\":" + MaxStates + "}";

        private static string KindOf(JsonElement outcome) => outcome.TryGetProperty("capped", out _) ? "capped" : outcome.TryGetProperty("error", out _) ? "error" : "output";

        private static string Describe(JsonElement outcome) => KindOf(outcome) switch
        {
            "capped" => "looped past the cap",
            "error" => "failed: " + outcome.GetProperty("error").GetString(),
            _ => "succeeded with " + outcome.GetProperty("output"),
        };

        private static string Calls(JsonElement outcome) => string.Join(", ", outcome.GetProperty("ran").EnumerateArray()
            .Select(c => c.GetProperty("state").GetString() + "(" + Steady(JsonSerializer.Serialize(c.GetProperty("input"))) + ")")
            .OrderBy(c => c, StringComparer.Ordinal));

        private static string Entered(JsonElement outcome, HashSet<string> added) => string.Join(", ", outcome.GetProperty("entered").EnumerateArray()
            .Select(s => s.GetString()!).Where(s => !added.Contains(s))
            .OrderBy(s => s, StringComparer.Ordinal));
    }
}
