using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.History;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.GoTo
{
    /// <summary>
    /// JSONata copies, which aws-local-stepfunctions cannot run: every Condition and Output on the way from the
    /// copy's start through the twin into each branch and iteration, evaluated with the reference jsonata
    /// package, must send a replayed branch to its recorded output, the failed one to the copy of the failed
    /// state with its recorded input, and the rest to their start with the input the original would give.
    /// </summary>
    public sealed class PreciseJsonAtaTests
    {
        private const string Task = "\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\"";

        private const string Parallel = "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Parallel\",\"Next\":\"After\",\"Branches\":["
            + "{\"StartAt\":\"A\",\"States\":{\"A\":{" + Task + ",\"End\":true}}},"
            + "{\"StartAt\":\"B1\",\"States\":{\"B1\":{" + Task + ",\"Next\":\"B2\"},\"B2\":{" + Task + ",\"End\":true}}},"
            + "{\"StartAt\":\"C\",\"States\":{\"C\":{" + Task + ",\"End\":true}}}]},"
            + "\"After\":{" + Task + ",\"End\":true}}}";

        private const string Map = "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"Items\":\"{% $states.input.items %}\",\"Next\":\"After\","
            + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"INLINE\"},\"StartAt\":\"Load\",\"States\":{\"Load\":{" + Task + ",\"Next\":\"Check\"},\"Check\":{" + Task + ",\"End\":true}}}},"
            + "\"After\":{" + Task + ",\"End\":true}}}";

        [Fact]
        public void A_Parallel_twin_sends_each_branch_where_the_JSONPath_twin_does()
        {
            var (point, outcome) = Evaluate(Parallel, "{\"order\":7}", (s, _) => s == "B2");

            Assert.Equal("P (replay)", outcome.GetProperty("twin").GetString());
            var branches = outcome.GetProperty("branches").EnumerateArray().ToList();
            var record = point.Containers[0].Branches;
            Assert.Equal("(ended)", branches[0].GetProperty("next").GetString());
            Assert.Equal(Compact(record[0].Output!), branches[0].GetProperty("input").GetRawText());
            Assert.Equal("B2 (resumed)", branches[1].GetProperty("next").GetString());
            Assert.Equal(Compact(record[1].ResumeInput!), branches[1].GetProperty("input").GetRawText());
            Assert.Equal("(ended)", branches[2].GetProperty("next").GetString());
        }

        [Fact]
        public void A_Map_twin_replays_finished_items_and_resumes_failed_ones_at_the_failed_state()
        {
            var items = "{\"items\":[" + string.Join(",", Enumerable.Range(0, 6).Select(i => $"{{\"i\":{i}}}")) + "]}";

            var (_, outcome) = Evaluate(Map, items, (s, input) => s == "Check" && (input?["i"]?.GetValue<int>() is 1 or 4));

            var branches = outcome.GetProperty("branches").EnumerateArray().ToList();
            Assert.Equal(6, branches.Count);
            foreach (var branch in branches)
            {
                var index = branch.GetProperty("index").GetInt32();
                var failed = index == 1 || index == 4;
                Assert.Equal(failed ? "Check (resumed)" : "(ended)", branch.GetProperty("next").GetString());
                Assert.Equal($"{{\"i\":{index}}}", branch.GetProperty("input").GetRawText());
            }
        }

        [Fact]
        public void The_failed_branch_gets_back_the_variables_its_earlier_states_assigned()
        {
            // B1 assigns "seen" in branch 2's own scope; B2 fails; the resumed branch starts at B2 with "seen" restored.
            var definition = Parallel.Replace("\"B1\":{" + Task + ",", "\"B1\":{" + Task + ",\"Assign\":{\"seen\":\"yes\"},");

            var (point, outcome) = Evaluate(definition, "{\"order\":7}", (s, _) => s == "B2");

            Assert.Equal("yes", point.Containers[0].Branches[1].Variables["seen"].Trim('"'));
            var branch = outcome.GetProperty("branches")[1];
            Assert.Equal("B2 (resumed)", branch.GetProperty("next").GetString());
            Assert.Equal("yes", branch.GetProperty("assign").GetProperty("seen").GetString());
        }

        [Fact]
        public void The_recorded_JSONata_Map_failure_resumes_its_failed_iteration_and_runs_the_ones_that_never_started()
        {
            // LocalStack's recording against AWS: item 0's task failed, was caught, and its Fallback state failed to
            // evaluate; items 1 and 2 never started (MaxConcurrency 1).
            var definitionFile = Path.Combine(TestPaths.Fixtures, "aws-definitions", "statevariables__map_catch_error_output_with_retry.json");
            var point = new FailurePointLocator().LocateInFile(Path.Combine(TestPaths.Fixtures, "aws-histories", "test_map_catch_error_MAP_CATCH_ERROR_OUTPUT_WITH_RETRY-f1ab17c38b.json"), definitionFile);
            var definition = File.ReadAllText(definitionFile);
            var copy = new GoToRewriter().Rewrite(definition);
            var start = ResumeRequest.FromFailurePoint(point, null, inputGiven: false, offline: true).Start(null, null, copy, StateMachineDefinition.Parse(definition), ResumePrecision.Precise);

            var outcome = RunJsonAta(copy.Definition, start.Input);

            Assert.Equal(new[] { BranchOutcome.Failed, BranchOutcome.NotStarted, BranchOutcome.NotStarted }, point.Containers[0].Branches.Select(b => b.Outcome));
            var branches = outcome.GetProperty("branches").EnumerateArray().ToList();
            Assert.Equal("Fallback (resumed)", branches[0].GetProperty("next").GetString());
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(point.FailedStateInput!), JsonNode.Parse(branches[0].GetProperty("input").GetRawText())));
            Assert.Equal(new[] { "ProcessItem (resumed)", "ProcessItem (resumed)" }, branches.Skip(1).Select(b => b.GetProperty("next").GetString()));
            Assert.Equal(new[] { "2", "3" }, branches.Skip(1).Select(b => b.GetProperty("input").GetRawText()));
        }

        [Fact]
        public void Ordinary_input_takes_the_original_start()
        {
            var copy = new GoToRewriter().Rewrite(Parallel);
            using var folder = new TempFolder();
            var file = folder.Write("copy.json", copy.Definition);

            var outcome = NodeOracle.Run("evaluate-goto-jsonata.mjs", Array.Empty<string>(), JsonSerializer.Serialize(new { file, added = copy.AddedStates, inputs = new[] { JsonDocument.Parse("{\"order\":7}").RootElement } }) + "\n").Single();

            Assert.Equal("P", outcome.GetProperty("next").GetString());
        }

        private static (FailurePoint Point, JsonElement Outcome) Evaluate(string definition, string input, Func<string, JsonNode?, bool> fails)
        {
            using var folder = new TempFolder();
            var history = folder.Write("h.json", "{\"events\":[" + string.Join(",", ShapeRun.FailedHistory(definition, input, fails)) + "]}");
            var definitionFile = folder.Write("d.json", definition);
            var point = new FailurePointLocator().LocateInFile(history, definitionFile);
            var copy = new GoToRewriter().Rewrite(definition);
            var start = ResumeRequest.FromFailurePoint(point, null, inputGiven: false, offline: true).Start(null, null, copy, StateMachineDefinition.Parse(definition), ResumePrecision.Precise);
            Assert.Equal(ResumePrecision.Precise, start.Plan.Precision);
            return (point, RunJsonAta(copy.Definition, start.Input));
        }

        private static JsonElement RunJsonAta(string copy, string input)
        {
            using var folder = new TempFolder();
            var copyFile = folder.Write("copy.json", copy);
            var outcome = NodeOracle.Run("evaluate-twin-jsonata.mjs", Array.Empty<string>(), JsonSerializer.Serialize(new { file = copyFile, input = JsonDocument.Parse(input).RootElement }) + "\n").Single();
            Assert.False(outcome.TryGetProperty("error", out var error), error.ToString());
            return outcome;
        }

        private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
    }
}
