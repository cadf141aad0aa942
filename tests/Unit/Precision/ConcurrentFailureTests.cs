using System;
using System.Linq;
using System.Text.Json.Nodes;
using SfnResume.GoTo;
using SfnResume.History;
using Xunit;

namespace SfnResume.Tests.Precision
{
    /// <summary>
    /// The four failures seen on concurrent histories, rebuilt from their descriptions: for each, the first
    /// simulated run (by seed) that matches the description, written in several orders, must resume exactly:
    /// no finished task call again, every undone one once, the original's output.
    /// </summary>
    public sealed class ConcurrentFailureTests
    {
        private const string Lambda = "\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\"";

        private static JsonObject Items(int count, int inner = 0) => new JsonObject
        {
            ["id"] = "root",
            ["items"] = new JsonArray(Enumerable.Range(0, count).Select(i =>
            {
                var item = new JsonObject { ["id"] = $"i{i}" };
                if (inner > 0)
                {
                    item["items"] = new JsonArray(Enumerable.Range(0, inner).Select(j => (JsonNode)new JsonObject { ["id"] = $"i{i}.{j}" }).ToArray());
                }

                return (JsonNode)item;
            }).ToArray()),
        };

        private static string Id(JsonNode input) => (string?)input["id"] ?? string.Empty;

        [Fact]
        public void A_Map_in_a_Map_iteration_beside_an_aborted_outer_iteration_running_the_same_inner_index()
        {
            var definition = JsonNode.Parse("{\"StartAt\":\"Outer\",\"States\":{\"Outer\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"MaxConcurrency\":2,\"ResultPath\":\"$.done\",\"Next\":\"After\","
                + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"INLINE\"},\"StartAt\":\"Inner\",\"States\":{\"Inner\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"MaxConcurrency\":2,\"End\":true,"
                + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"INLINE\"},\"StartAt\":\"Work\",\"States\":{\"Work\":{" + Lambda + ",\"End\":true}}}}}}},"
                + "\"After\":{" + Lambda + ",\"End\":true}}}")!.AsObject();
            var input = Items(2, inner: 3);

            // Outer iteration 1 fails at its inner item 1, after its inner item 0 succeeded; outer iteration 0 is
            // aborted while its own inner item 1 is running.
            var run = FirstRun(definition, input, (name, item) => name == "Work" && Id(item) == "i1.1" ? "error" : "ok", r =>
                r.Finished.Contains(Call("Work", "i1.0")) && r.Entered.Contains(Call("Work", "i0.1")) && !r.Finished.Contains(Call("Work", "i0.1")));

            var point = AssertResumesExactly(definition, input, run);
            Assert.Equal(new[] { "Outer", "Inner" }, point.Containers.Select(c => c.StateName));
            Assert.Equal(1, point.Containers[0].FailedIndex);
            Assert.Equal(BranchOutcome.Succeeded, point.Containers[1].Branches[0].Outcome);
        }

        [Fact]
        public void A_Choice_that_sends_one_iteration_to_a_Fail_state_while_others_run()
        {
            var definition = JsonNode.Parse("{\"StartAt\":\"Each\",\"States\":{\"Each\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"MaxConcurrency\":3,\"ResultPath\":\"$.done\",\"Next\":\"After\","
                + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"INLINE\"},\"StartAt\":\"Load\",\"States\":{\"Load\":{" + Lambda + ",\"Next\":\"Check\"},\"Check\":{" + Lambda + ",\"Next\":\"Judge\"},"
                + "\"Judge\":{\"Type\":\"Choice\",\"Choices\":[{\"And\":[{\"Variable\":\"$.ok\",\"IsPresent\":true},{\"Variable\":\"$.ok\",\"BooleanEquals\":false}],\"Next\":\"Reject\"}],\"Default\":\"Store\"},"
                + "\"Reject\":{\"Type\":\"Fail\",\"Error\":\"Rejected\"},\"Store\":{" + Lambda + ",\"End\":true}}}},"
                + "\"After\":{" + Lambda + ",\"End\":true}}}")!.AsObject();
            var input = Items(5);

            // Item 2's check answers badly and the Choice rejects it, while a sibling that had finished Load is aborted.
            var run = FirstRun(definition, input, (name, item) => name == "Check" && Id(item) == "i2" ? "bad" : "ok", r =>
                Enumerable.Range(0, 5).Any(i => i != 2 && r.Finished.Contains(Call("Load", $"i{i}")) && !r.Finished.Contains(Call("Store", $"i{i}"))
                    && r.Entered.Contains(Call("Check", $"i{i}"))));

            var point = AssertResumesExactly(definition, input, run, out var start);
            var failed = point.Containers[0].Branches[2];
            Assert.Equal("Check", failed.ResumeState);
            Assert.Equal("Check", start.Plan.InnerState);
        }

        [Fact]
        public void A_timeout_while_several_iterations_run()
        {
            var definition = JsonNode.Parse("{\"StartAt\":\"Each\",\"States\":{\"Each\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"MaxConcurrency\":3,\"ResultPath\":\"$.done\",\"Next\":\"After\","
                + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"INLINE\"},\"StartAt\":\"Load\",\"States\":{\"Load\":{" + Lambda + ",\"Next\":\"Store\"},\"Store\":{" + Lambda + ",\"End\":true}}}},"
                + "\"After\":{" + Lambda + ",\"End\":true}}}")!.AsObject();
            var input = Items(5);

            // Nothing fails: the execution times out with at least two iterations mid-way and at least one done.
            var run = FirstRun(definition, input, (_, _) => "ok", r =>
                r.Terminal == "ExecutionTimedOut"
                && Enumerable.Range(0, 5).Count(i => r.Entered.Contains(Call("Load", $"i{i}")) && !r.Finished.Contains(Call("Store", $"i{i}"))) >= 2
                && Enumerable.Range(0, 5).Any(i => r.Finished.Contains(Call("Store", $"i{i}"))));

            AssertResumesExactly(definition, input, run, out var start);
            Assert.Equal(ResumePrecision.Precise, start.Plan.Precision);
        }

        [Fact]
        public void A_Catch_on_the_Parallel_itself_routed_to_a_Fail_state()
        {
            var definition = JsonNode.Parse("{\"StartAt\":\"Order\",\"States\":{\"Order\":{\"Type\":\"Parallel\",\"ResultPath\":\"$.done\",\"Next\":\"After\","
                + "\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"ResultPath\":\"$.error\",\"Next\":\"OrderFailed\"}],\"Branches\":["
                + "{\"StartAt\":\"Ship\",\"States\":{\"Ship\":{" + Lambda + ",\"End\":true}}},"
                + "{\"StartAt\":\"Charge\",\"States\":{\"Charge\":{" + Lambda + ",\"Next\":\"Receipt\"},\"Receipt\":{" + Lambda + ",\"End\":true}}}]},"
                + "\"OrderFailed\":{\"Type\":\"Fail\",\"Error\":\"OrderFailed\"},"
                + "\"After\":{" + Lambda + ",\"End\":true}}}")!.AsObject();
            var input = new JsonObject { ["id"] = "o-7" };

            // Ship succeeded; Charge succeeded; Receipt failed, and the Parallel's Catch routed the error to a Fail state.
            var run = FirstRun(definition, input, (name, _) => name == "Receipt" ? "error" : "ok", r => r.Finished.Contains(Call("Ship", "o-7")), mayTimeOut: false);

            var point = AssertResumesExactly(definition, input, run, out var start);
            Assert.Equal("OrderFailed", point.FailedState);
            Assert.Equal("Order", point.ResumeState);
            Assert.Equal(ResumePrecision.Precise, start.Plan.Precision);
        }

        private static string Call(string state, string id) => state + "|" + Canonical.Of(new JsonObject { ["id"] = id });

        /// <summary>The first run, by seed, whose history matches the description; fails the test when none of the first few hundred does.</summary>
        private static ConcurrentRun FirstRun(JsonObject definition, JsonObject input, Func<string, JsonNode, string> faults, Func<ConcurrentRun, bool> matches, bool mayTimeOut = true)
        {
            for (var seed = 1; seed < 500; seed++)
            {
                var run = ConcurrentRun.Fail(definition, input, seed, 0, mayTimeOut, faults);
                if (run != null && matches(run))
                {
                    return run;
                }
            }

            throw new InvalidOperationException("No simulated run matches the description.");
        }

        private static FailurePoint AssertResumesExactly(JsonObject definition, JsonObject input, ConcurrentRun run) => AssertResumesExactly(definition, input, run, out _);

        private static FailurePoint AssertResumesExactly(JsonObject definition, JsonObject input, ConcurrentRun run, out ResumeStart start)
        {
            using var check = new ResumeCheck();
            FailurePoint? first = null;
            for (var order = 0; order < 5; order++)
            {
                var point = check.Add($"order {order}", definition, input, run, HistoryShuffle.Write(run.Events, order));
                first ??= point;
            }

            Assert.Empty(check.Judge());
            start = check.FirstStart;
            return first!;
        }
    }
}
