using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfnResume.GoTo;
using SfnResume.GoTo.Distributed;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// Tomorrow's runbook after a precise Distributed Map resume that failed again: the resumed run's Map Run
    /// (the twin's, over the item file the first resume wrote) ended with some children failed, some aborted,
    /// some never started. Invoke-SfnRedrive, run again on the same parent, resumes the resumed run: its item
    /// file holds only the items that succeeded in neither run, each from where it stopped last.
    /// 300 items: 5 failed, 10 aborted, 120 succeeded, 165 never started in the original's run.
    /// </summary>
    public sealed class DistributedResumeAgainTests : IDisposable
    {
        private const string TwinMapRunArn = RedriveServer.Account + ":mapRun:Orders-copy/map-resumed:1d2e3f4a";

        private readonly FailedMapRunWorld world = new FailedMapRunWorld(items: 300, failed: 5, aborted: 10, succeeded: 120);
        private readonly PowerShellSession session = new PowerShellSession();
        private readonly GoToDefinition copy;

        /// <summary>How each item the resumed run ran ended in it, by the item's index.</summary>
        private readonly Dictionary<int, string> second = new Dictionary<int, string>();

        public DistributedResumeAgainTests()
        {
            copy = new GoToRewriter().Rewrite(world.Variant.Definition);
            world.Server.RunningPolls = 0;
            world.Server.GoToRun = name => name.Contains("-r1-", StringComparison.Ordinal) ? ("FAILED", FailedAgain()) : null;
        }

        public void Dispose()
        {
            session.Dispose();
            world.Dispose();
        }

        private PowerShellResult Run(string script) => session.Run(
            "$c = @{ EndpointUrl = $endpoint; Region = 'eu-west-1'; AccessKey = 'AKIDEXAMPLE'; SecretKey = 'secret' }\n" + script,
            new Dictionary<string, object?> { ["endpoint"] = world.Endpoint.Url, ["parent"] = world.ParentArn });

        private static T Property<T>(PSObject item, string name) => (T)item.Properties[name].Value;

        private string Copied(string state) => copy.OriginalNames.Single(n => n.Value == state && n.Key != state).Key;

        private static string FetchedAgain(int item) => $"{{\"orderId\":\"order-{item:D5}\",\"amount\":{item},\"fetched\":true,\"run\":2}}";

        /// <summary>
        /// The first resume's run, as Step Functions would record it: the twin entered with the resuming input
        /// (the item file the resume wrote, which is in S3 by the time the run starts), its Map Run failing. The
        /// Map Run's children are made here too, from that file: of the items it lists, the first failed one
        /// fails at Charge card again; the even aborted ones are aborted again before anything is recorded; of
        /// the never-started ones, every tenth fails at Charge card and the next never starts; the rest succeed.
        /// </summary>
        private IReadOnlyList<string> FailedAgain()
        {
            var key = world.S3.Keys(FailedMapRunWorld.Bucket).Single(k => k.StartsWith("sfnresume/items/", StringComparison.Ordinal));
            var entries = JsonDocument.Parse(world.S3.Get(FailedMapRunWorld.Bucket, key)!).RootElement.EnumerateArray().Select(e => ItemFileEntry.Parse(e.GetRawText())!).ToList();
            var processor = JsonNode.Parse(copy.Definition)!["States"]![copy.Twins["ProcessOrders"]]!["ItemProcessor"]!.AsObject();
            var childMachine = new JsonObject { ["StartAt"] = processor["StartAt"]!.DeepClone(), ["States"] = processor["States"]!.DeepClone() };
            world.Server.AddMachine("Orders-copy/map-resumed", childMachine.ToJsonString(), DateTime.UtcNow.AddHours(-1));
            var started = DateTime.UtcNow.AddMinutes(-30);
            int failed = 0, aborted = 0, succeeded = 0;
            foreach (var entry in entries)
            {
                var i = entry.Index;
                var fate = i < world.Failed ? (i == 0 ? "fails" : "succeeds")
                    : i < world.Failed + world.Aborted ? (i % 2 == 0 ? "aborted" : "succeeds")
                    : i % 10 == 0 ? "fails" : i % 10 == 1 ? "never starts" : "succeeds";
                second[i] = fate;
                if (fate == "never starts")
                {
                    continue;
                }

                var input = $"{{\"input\":{entry.Item},\"replay\":{entry.Replay},\"index\":{i}}}";
                var history = new HistoryBuilder();
                var start = history.Started(input);
                string status;
                if (fate == "fails")
                {
                    var before = i < world.Failed ? start : history.Task(Copied("Fetch order"), FailedMapRunScenario.Item(i), FetchedAgain(i), start);
                    history.Failed(history.FailingTask(Copied("Charge card"), FetchedAgain(i), before, "Payment.Declined"), "Payment.Declined", "declined again");
                    status = "FAILED";
                    failed++;
                }
                else if (fate == "aborted")
                {
                    history.Add("ExecutionAborted", 0);
                    status = "ABORTED";
                    aborted++;
                }
                else
                {
                    history.Add("ExecutionSucceeded", start, "executionSucceededEventDetails", new Dictionary<string, object?> { ["output"] = "{}" });
                    status = "SUCCEEDED";
                    succeeded++;
                }

                world.Server.AddExecution("Orders-copy/map-resumed", $"r{i:D5}", started, started.AddMinutes(20), history.Events, status, redriveStatus: null, mapRunArn: TwinMapRunArn, input: input);
            }

            var description = FailedMapRunScenario.Description(entries.Count, failed, aborted, succeeded);
            description["mapRunArn"] = TwinMapRunArn;
            world.Server.AddMapRun(TwinMapRunArn, JsonSerializer.Serialize(description));

            var resuming = $"{{\"state\":\"ProcessOrders\",\"input\":{FailedMapRunScenario.ParentInput},\"replay\":{{\"bucket\":\"{FailedMapRunWorld.Bucket}\",\"key\":\"{key}\"}}}}";
            var run = new HistoryBuilder();
            var entered = run.Entered("Map", copy.Twins["ProcessOrders"], resuming, 0);
            var mapStarted = run.Add("MapStateStarted", entered, "mapStateStartedEventDetails", new Dictionary<string, object?> { ["length"] = 0 });
            var runStarted = run.Add("MapRunStarted", mapStarted, "mapRunStartedEventDetails", new Dictionary<string, object?> { ["mapRunArn"] = TwinMapRunArn });
            var runFailed = run.Add("MapRunFailed", runStarted, "mapRunFailedEventDetails", new Dictionary<string, object?> { ["error"] = FailedMapRunScenario.Error, ["cause"] = FailedMapRunScenario.Cause });
            run.Failed(run.Add("MapStateFailed", runFailed), FailedMapRunScenario.Error, FailedMapRunScenario.Cause);
            return run.Events;
        }

        [Fact]
        public void The_next_resume_runs_only_the_items_that_succeeded_in_neither_run_each_from_where_it_stopped_last()
        {
            var first = Run("Invoke-SfnRedrive $parent -Method GoTo -Force @c");
            var again = Run("Invoke-SfnRedrive $parent -Method GoTo -Force @c");

            Assert.Empty(first.Errors.Concat(again.Errors));
            Assert.Equal(("Started", "Precise"), (Property<string>(Assert.Single(first.Output), "Status"), Property<string>(Assert.Single(first.Output), "Precision")));
            var resumed = Assert.Single(again.Output);
            Assert.Equal(("Started", "Precise", 2), (Property<string>(resumed, "Status"), Property<string>(resumed, "Precision"), Property<int>(resumed, "Attempt")));
            Assert.DoesNotContain(again.Warnings, w => w.Contains("re-runs whole", StringComparison.Ordinal));

            var rerun = second.Where(s => s.Value != "succeeds").Select(s => s.Key).OrderBy(i => i).ToList();
            Assert.Equal(38, rerun.Count);
            Assert.Equal((long)rerun.Count, Property<long?>(resumed, "ItemsRunAgainByGoTo"));
            Assert.Contains("succeeded in the run before", Property<string>(resumed, "MapResult"));

            // Two item files, one per resume; the second started with the second.
            Assert.Equal(2, world.S3.Count("PUT"));
            var starts = world.Server.Started;
            Assert.Equal(2, starts.Count);
            var replay = JsonNode.Parse(starts[1].Input)!["resuming"]!["replay"]!;
            var key = replay["key"]!.GetValue<string>();
            Assert.Equal($"s3://{FailedMapRunWorld.Bucket}/{key}", Property<string>(resumed, "ItemFile"));

            var calls = world.RunItemFile(copy.Definition, starts[1].Input, world.S3.Get(FailedMapRunWorld.Bucket, key)!);
            Assert.Equal(rerun, calls.Keys.OrderBy(i => i).ToList());
            foreach (var i in rerun)
            {
                var (states, input) = calls[i];
                if (second[i] == "fails")
                {
                    // Where it failed this time, with what this run's Fetch order gave it.
                    Assert.Equal(new[] { "Charge card" }, states);
                    Assert.Equal(2, input.GetProperty("run").GetInt32());
                }
                else
                {
                    // Aborted again with nothing recorded, or never started: as its entry said, from the start.
                    Assert.Equal(new[] { "Fetch order", "Charge card" }, states);
                    Assert.True(JsonNode.DeepEquals(JsonNode.Parse(FailedMapRunScenario.Item(i)), JsonNode.Parse(input.GetRawText())), input.GetRawText());
                }
            }
        }
    }
}
