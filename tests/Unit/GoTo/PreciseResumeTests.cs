using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.History;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.GoTo
{
    /// <summary>
    /// Precise resume, run for real: the failure point read from a history, the GoTo copy with its replay
    /// twins, and the resuming input, executed under aws-local-stepfunctions with every Task recording that
    /// it ran and returning its input. Only the failed branches' and iterations' states may run, the resumed
    /// run must end with the output the original gives when nothing fails (the failed task's stand-in result
    /// is its input, as in the original run), and ordinary input must run the original path with no twin.
    /// </summary>
    public sealed class PreciseResumeTests
    {
        private readonly Xunit.Abstractions.ITestOutputHelper output;

        public PreciseResumeTests(Xunit.Abstractions.ITestOutputHelper output)
        {
            this.output = output;
        }

        private const string Task = "\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\"";

        private static readonly Regex CopySuffix = new Regex(@" \((resumed|replay)\)(_\d+)?$");

        /// <summary>Parallel in Map in Parallel: item 1 fails at the second task of the inner Parallel's second branch.</summary>
        private static readonly string ThreeLevels = "{\"StartAt\":\"Outer\",\"States\":{\"Outer\":{\"Type\":\"Parallel\",\"ResultPath\":\"$.outer\",\"Next\":\"After\",\"Branches\":["
            + "{\"StartAt\":\"O1\",\"States\":{\"O1\":{" + Task + ",\"End\":true}}},"
            + "{\"StartAt\":\"Mid\",\"States\":{\"Mid\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"End\":true,\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"INLINE\"},\"StartAt\":\"Inner\",\"States\":{"
            + "\"Inner\":{\"Type\":\"Parallel\",\"End\":true,\"Branches\":[{\"StartAt\":\"I1\",\"States\":{\"I1\":{" + Task + ",\"End\":true}}},"
            + "{\"StartAt\":\"I2a\",\"States\":{\"I2a\":{" + Task + ",\"Next\":\"I2b\"},\"I2b\":{" + Task + ",\"End\":true}}}]}}}}}}]},"
            + "\"After\":{" + Task + ",\"End\":true}}}";

        /// <summary>A Catch inside a branch routes the error to a Fail state.</summary>
        private static readonly string CatchInBranch = "{\"StartAt\":\"Order\",\"States\":{\"Order\":{\"Type\":\"Parallel\",\"ResultPath\":\"$.done\",\"Next\":\"After\",\"Branches\":["
            + "{\"StartAt\":\"Ship\",\"States\":{\"Ship\":{" + Task + ",\"End\":true}}},"
            + "{\"StartAt\":\"Charge\",\"States\":{\"Charge\":{" + Task + ",\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"ResultPath\":\"$.error\",\"Next\":\"ChargeFailed\"}],\"End\":true},"
            + "\"ChargeFailed\":{\"Type\":\"Fail\",\"Error\":\"ChargeFailed\"}}}]},"
            + "\"After\":{" + Task + ",\"End\":true}}}";

        /// <summary>
        /// Paths the twins must rebase onto the wrapped input: InputPath, ItemsPath and an ItemSelector reading both
        /// the item and the effective input on a Map; Parameters on a Parallel; ResultPath and OutputPath on both.
        /// </summary>
        private static readonly string Paths = "{\"StartAt\":\"Ship\",\"States\":{\"Ship\":{\"Type\":\"Map\",\"InputPath\":\"$.order\",\"ItemsPath\":\"$.lines\","
            + "\"ItemSelector\":{\"line.$\":\"$$.Map.Item.Value\",\"index.$\":\"$$.Map.Item.Index\",\"customer.$\":\"$.customer\",\"kind\":\"parcel\"},"
            + "\"ResultPath\":\"$.shipped\",\"OutputPath\":\"$.shipped\",\"Next\":\"Split\","
            + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"INLINE\"},\"StartAt\":\"Pack\",\"States\":{\"Pack\":{" + Task + ",\"End\":true}}}},"
            + "\"Split\":{\"Type\":\"Parallel\",\"Parameters\":{\"first.$\":\"$[0]\",\"all.$\":\"$\"},\"ResultPath\":null,\"OutputPath\":\"$[1]\",\"Next\":\"After\",\"Branches\":["
            + "{\"StartAt\":\"Invoice\",\"States\":{\"Invoice\":{" + Task + ",\"End\":true}}},"
            + "{\"StartAt\":\"Notify\",\"States\":{\"Notify\":{" + Task + ",\"End\":true}}}]},"
            + "\"After\":{" + Task + ",\"End\":true}}}";

        private const string PathsInput = "{\"order\":{\"customer\":\"c-1\",\"lines\":[\"a\",\"b\",\"c\",\"d\"]},\"note\":\"kept\"}";

        /// <summary>A Map whose iterations run Load then Check, or with <paramref name="checkOnly"/> Check alone (7 events an item, the fewest a Task allows).</summary>
        private static string MapOf(string resultPath, bool checkOnly = false) => "{\"StartAt\":\"Process items\",\"States\":{\"Process items\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"ResultPath\":" + resultPath + ",\"Next\":\"After\","
            + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"INLINE\"},\"StartAt\":\"" + (checkOnly ? "Check" : "Load") + "\",\"States\":{" + (checkOnly ? string.Empty : "\"Load\":{" + Task + ",\"Next\":\"Check\"},") + "\"Check\":{" + Task + ",\"End\":true}}}},"
            + "\"After\":{" + Task + ",\"End\":true}}}";

        private static string Items(int count) => "{\"items\":[" + string.Join(",", Enumerable.Range(0, count).Select(i => $"{{\"i\":{i}}}")) + "]}";

        private static bool ItemIs(JsonNode? input, params int[] indexes) => input?["i"] is JsonNode i && indexes.Contains(i.GetValue<int>());

        private static (string Definition, string Input, Func<string, JsonNode?, bool> Fails, string[] Reran) Shape(string name) => name switch
        {
            "three levels" => (ThreeLevels, "{\"items\":[{\"i\":0},{\"i\":1},{\"i\":2}]}", (s, input) => s == "I2b" && ItemIs(input, 1), new[] { "I2b 1", "After" }),
            "catch in a branch" => (CatchInBranch, "{\"id\":7}", (s, _) => s == "Charge", new[] { "Charge", "After" }),
            "paths, Map" => (Paths, PathsInput, (s, input) => s == "Pack" && input?["index"]?.GetValue<int>() == 2, new[] { "Pack", "Invoice", "Notify", "After" }),
            "paths, Parallel" => (Paths, PathsInput, (s, _) => s == "Notify", new[] { "Notify", "After" }),
            "1,000 items, 3 failed" => (MapOf("\"$.results\""), Items(1000), (s, input) => s == "Check" && ItemIs(input, 10, 500, 999), new[] { "Check 10", "Check 500", "Check 999", "After" }),
            _ => (MapOf("null", checkOnly: true), Items(5000), (s, input) => s == "Check" && ItemIs(input, 0, 2500, 4999), new[] { "Check 0", "Check 2500", "Check 4999", "After" }),
        };

        [Fact]
        public void Only_the_failed_branches_and_iterations_run_and_the_output_is_the_originals()
        {
            var jobs = new List<string>();
            var expectations = new List<(string Shape, string[] Reran)>();
            using var folder = new TempFolder();
            foreach (var name in new[] { "three levels", "catch in a branch", "paths, Map", "paths, Parallel", "1,000 items, 3 failed", "5,000 items, result discarded" })
            {
                var (definition, input, fails, reran) = Shape(name);
                var point = Locate(folder, name, definition, ShapeRun.FailedHistory(definition, input, fails));
                var copy = new GoToRewriter().Rewrite(definition);
                var start = ResumeRequest.FromFailurePoint(point, null, inputGiven: false, offline: true).Start(null, null, copy, StateMachineDefinition.Parse(definition), ResumePrecision.Precise);
                Assert.Equal(ResumePrecision.Precise, start.Plan.Precision);
                Assert.True(ResumingInput.ByteCount(start.Input) <= ResumingInput.MaxBytes, $"{name}: {ResumingInput.ByteCount(start.Input):N0} bytes");
                output.WriteLine($"{name}: history {ShapeRun.FailedHistory(definition, input, fails).Count:N0} events, resuming input {ResumingInput.ByteCount(start.Input):N0} bytes, copy {copy.Definition.Length:N0} chars (original {definition.Length:N0})");
                var original = folder.Write(name + ".asl.json", definition);
                var copied = folder.Write(name + "-goto.asl.json", copy.Definition);
                jobs.Add(Job(original, input));
                jobs.Add(Job(copied, start.Input));
                jobs.Add(Job(copied, input));
                expectations.Add((name, reran));
            }

            var outcomes = NodeOracle.Run("run-replay.mjs", Array.Empty<string>(), string.Join("\n", jobs) + "\n");

            for (var i = 0; i < expectations.Count; i++)
            {
                var (name, reran) = expectations[i];
                var (original, resumed, ordinary) = (outcomes[3 * i], outcomes[3 * i + 1], outcomes[3 * i + 2]);
                Assert.False(resumed.TryGetProperty("error", out var error), $"{name}: {error}");
                Assert.Equal(reran.OrderBy(s => s, StringComparer.Ordinal), Ran(resumed));
                Assert.Equal(original.GetProperty("output").GetRawText(), resumed.GetProperty("output").GetRawText());

                // Ordinary input: exactly the original path, and no twin or copy entered.
                Assert.Equal(Ran(original), Ran(ordinary));
                Assert.Equal(original.GetProperty("output").GetRawText(), ordinary.GetProperty("output").GetRawText());
                Assert.DoesNotContain(ordinary.GetProperty("entered").EnumerateArray(), s => CopySuffix.IsMatch(s.GetString()!));
            }
        }

        [Fact]
        public void The_seed_history_resumes_each_branch_at_the_task_it_stopped_in()
        {
            // The real 2017 history: branch 2 of "Parallel 2" failed while branch 1's Lambda was still running,
            // so branch 1 was aborted (TaskStateAborted): neither has an output, both resume at their task.
            var seed = Path.Combine(TestPaths.Fixtures, "seed");
            var definitionPath = Path.Combine(seed, "ParallelStateMachine.asl.json");
            var point = new FailurePointLocator().LocateInFile(Path.Combine(seed, "sample_execution_history.json"), definitionPath);
            var definition = File.ReadAllText(definitionPath);
            var copy = new GoToRewriter().Rewrite(definition);
            var start = ResumeRequest.FromFailurePoint(point, null, inputGiven: false, offline: true).Start(null, null, copy, StateMachineDefinition.Parse(definition), ResumePrecision.Precise);
            using var folder = new TempFolder();

            var outcome = NodeOracle.Run("run-replay.mjs", Array.Empty<string>(), Job(folder.Write("seed-goto.asl.json", copy.Definition), start.Input) + "\n").Single();

            Assert.Equal("'Parallel 2': branch 2 of 2 failed", point.Summary);
            var branches = point.Containers[0].Branches;
            Assert.Equal(BranchOutcome.NotFinished, branches[0].Outcome);
            Assert.Equal("Parallel Step 2, Process 1", branches[0].ResumeState);
            Assert.Equal(new[] { "Final Processing", "Parallel Step 2, Process 1", "Parallel Step 2, Process 2" }, Ran(outcome));
            var finalInput = outcome.GetProperty("ran").EnumerateArray().Single(r => r.GetProperty("state").GetString() == "Final Processing").GetProperty("input");
            Assert.Equal(Compact(branches[0].ResumeInput!), finalInput[0].GetRawText());
            Assert.Equal(Compact(branches[1].ResumeInput!), finalInput[1].GetRawText());
            Assert.Empty(start.Plan.Replayed);
        }

        [Theory]
        [InlineData("test_parallel_state_fail-e6bd3060bf.json", "scenarios__parallel_state_fail.json", "Branch1")]
        [InlineData("test_map_state_retry-7ddd4d18b5.json", "scenarios__map_state_retry.json", "HandleItemFail")]
        public void A_recorded_failure_inside_a_container_resumes_inside_it_and_nowhere_else(string history, string definitionFile, string failedState)
        {
            var definitionPath = Path.Combine(TestPaths.Fixtures, "aws-definitions", definitionFile);
            var point = new FailurePointLocator().LocateInFile(Path.Combine(TestPaths.Fixtures, "aws-histories", history), definitionPath);
            var definition = File.ReadAllText(definitionPath);
            var copy = new GoToRewriter().Rewrite(definition);
            var start = ResumeRequest.FromFailurePoint(point, null, inputGiven: false, offline: true).Start(null, null, copy, StateMachineDefinition.Parse(definition), ResumePrecision.Precise);
            using var folder = new TempFolder();

            var outcome = NodeOracle.Run("run-replay.mjs", Array.Empty<string>(), Job(folder.Write("goto.asl.json", copy.Definition), start.Input) + "\n").Single();

            // The failure is a Fail state, so the resumed run fails again there, having entered no other state of
            // the original (the interpreter logs no entry for a Fail state inside a branch, so the set may be empty).
            Assert.Equal(ResumePrecision.Precise, start.Plan.Precision);
            var parsed = StateMachineDefinition.Parse(definition);
            var entered = outcome.GetProperty("entered").EnumerateArray().Select(s => Original(s.GetString()!)).Where(s => parsed.Find(s) != null).Distinct().ToList();
            Assert.Subset(new HashSet<string> { failedState }, entered.Where(s => parsed.Find(s)!.IsTopLevel == false).ToHashSet());
            Assert.Empty(Ran(outcome));
            Assert.True(outcome.TryGetProperty("error", out _), outcome.GetRawText());
            var resumed = JsonDocument.Parse(start.Input).RootElement.GetProperty("resuming").GetProperty("replay").GetRawText();
            Assert.Contains($"\"state\":\"{failedState}\"", resumed);
        }

        [Fact]
        public void Replay_data_that_cannot_fit_256_KiB_falls_back_to_the_whole_state_and_says_why()
        {
            // 1,000 iterations with 400-byte outputs: about 400 KB of recorded outputs.
            var definition = MapOf("\"$.results\"");
            var pad = new string('x', 400);
            var input = "{\"items\":[" + string.Join(",", Enumerable.Range(0, 1000).Select(i => $"{{\"i\":{i},\"pad\":\"{pad}\"}}")) + "]}";
            using var folder = new TempFolder();
            var point = Locate(folder, "large", definition, ShapeRun.FailedHistory(definition, input, (s, item) => s == "Check" && ItemIs(item, 3)));
            var copy = new GoToRewriter().Rewrite(definition);

            var start = ResumeRequest.FromFailurePoint(point, null, inputGiven: false, offline: true).Start(null, null, copy, StateMachineDefinition.Parse(definition), ResumePrecision.Precise);

            Assert.Equal(ResumePrecision.WholeState, start.Plan.Precision);
            Assert.Contains("256 KiB", start.Plan.Reason);
            Assert.Contains(start.Plan.Reason, start.Warnings);
            Assert.DoesNotContain("\"replay\"", start.Input);
        }

        [Fact]
        public void An_iteration_whose_recorded_output_was_truncated_runs_again_and_the_note_says_so()
        {
            var definition = MapOf("\"$.results\"", checkOnly: true);
            var events = ShapeRun.FailedHistory(definition, Items(4), (s, item) => ItemIs(item, 3)).ToList();
            // Step Functions marks an output it cut short; item 1's Check exit is the run's second TaskStateExited.
            var exits = events.Select((e, i) => (e, i)).Where(p => p.e.Contains("\"TaskStateExited\"")).ToList();
            events[exits[1].i] = exits[1].e.Replace("\"stateExitedEventDetails\":{", "\"stateExitedEventDetails\":{\"outputDetails\":{\"truncated\":true},");
            using var folder = new TempFolder();
            var point = Locate(folder, "truncated", definition, events);
            var copy = new GoToRewriter().Rewrite(definition);

            var start = ResumeRequest.FromFailurePoint(point, null, inputGiven: false, offline: true).Start(null, null, copy, StateMachineDefinition.Parse(definition), ResumePrecision.Precise);

            Assert.True(point.Containers[0].Branches[1].OutputTruncated);
            Assert.Equal(ResumePrecision.Precise, start.Plan.Precision);
            Assert.Contains("iteration 1 succeeded but its output was truncated", start.Plan.Reason);
            var entries = JsonDocument.Parse(start.Input).RootElement.GetProperty("resuming").GetProperty("replay").GetProperty("entries");
            Assert.Equal(1, entries[1].GetInt32());
            Assert.True(entries[0].TryGetProperty("output", out _));
            Assert.Equal("Check", entries[3].GetProperty("state").GetString());
        }

        [Fact]
        public void The_failure_point_tells_each_container_on_the_way_and_each_branch()
        {
            var (definition, input, fails, _) = Shape("three levels");
            using var folder = new TempFolder();

            var point = Locate(folder, "three", definition, ShapeRun.FailedHistory(definition, input, fails));

            Assert.Equal(new[] { "Outer", "Mid", "Inner" }, point.Containers.Select(c => c.StateName));
            Assert.Equal("'Outer': branch 2 of 2 failed; 'Mid': 2 of 3 iterations succeeded, iteration 1 failed; 'Inner': branch 2 of 2 failed", point.Summary);
            Assert.Equal(BranchOutcome.Succeeded, point.Containers[2].Branches[0].Outcome);
            Assert.Equal("I2b", point.Containers[2].Branches[1].ResumeState);
            Assert.Equal("{\"i\":1}", point.FailedStateInput);
        }

        private static FailurePoint Locate(TempFolder folder, string name, string definition, IReadOnlyList<string> events)
        {
            var history = folder.Write(name + ".history.json", "{\"events\":[" + string.Join(",", events) + "]}");
            return new FailurePointLocator().LocateInFile(history, folder.Write(name + ".def.json", definition));
        }

        private static string Job(string file, string input) => JsonSerializer.Serialize(new { file, input = JsonDocument.Parse(input).RootElement });

        /// <summary>The tasks that ran, by original name, with the item index when the input has one.</summary>
        private static string[] Ran(JsonElement outcome) => outcome.GetProperty("ran").EnumerateArray()
            .Select(r => Original(r.GetProperty("state").GetString()!) + (r.GetProperty("input").ValueKind == JsonValueKind.Object && r.GetProperty("input").TryGetProperty("i", out var i) ? " " + i.GetInt32() : string.Empty))
            .OrderBy(s => s, StringComparer.Ordinal).ToArray();

        private static string Original(string name) => CopySuffix.Replace(name, string.Empty);

        private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
    }
}
