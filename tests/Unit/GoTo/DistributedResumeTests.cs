using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SfnResume.GoTo;
using SfnResume.GoTo.Distributed;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.GoTo
{
    /// <summary>
    /// Precise resume of a failed Distributed Map, run for real as far as a machine without AWS can: a
    /// simulated Map Run over 10,000 items (51 children failed at their second state, 100 aborted, 4,000
    /// succeeded, 5,849 never started), the GoTo copy with the Map's twin, and the file of items the twin's
    /// ItemReader would read, fed through the twin's ItemSelector and ItemProcessor under aws-local-stepfunctions
    /// (tests/oracles/run-distributed.mjs). Which Task each item's child calls, and with what input, shows what
    /// ran again; every item source and setting either resumes precisely or says why not.
    /// </summary>
    public sealed class DistributedResumeTests
    {
        private const string Task = "\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\"";

        private const int ItemCount = 10_000;

        private static readonly Regex CopySuffix = new Regex(@" \((resumed|replay)\)(_\d+)?$");

        private enum Fate
        {
            NeverStarted,
            Succeeded,
            FailedInTransform,
            AbortedInFetch,
            AbortedInStore,
        }

        /// <summary>The acceptance run: which items' children did what, spread over the items as a Map Run's concurrency would.</summary>
        private static readonly Fate[] Fates = Spread();

        private static Fate[] Spread()
        {
            var fates = new Fate[ItemCount];
            var order = Enumerable.Range(0, ItemCount).OrderBy(i => (i * 7919) % ItemCount).ToArray();
            var at = 0;
            foreach (var (fate, count) in new[] { (Fate.FailedInTransform, 51), (Fate.AbortedInFetch, 50), (Fate.AbortedInStore, 50), (Fate.Succeeded, 4000) })
            {
                for (var n = 0; n < count; n++)
                {
                    fates[order[at++]] = fate;
                }
            }

            return fates;
        }

        private static string Definition(string mapFields, string executionType = "STANDARD") =>
            "{\"StartAt\":\"Prepare\",\"States\":{\"Prepare\":{" + Task + ",\"Next\":\"Process\"},"
            + "\"Process\":{\"Type\":\"Map\"," + mapFields + "\"MaxConcurrency\":100,\"ToleratedFailureCount\":50,\"Next\":\"Report\","
            + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"" + executionType + "\"},\"StartAt\":\"Fetch\",\"States\":{"
            + "\"Fetch\":{" + Task + ",\"Next\":\"Transform\"},\"Transform\":{" + Task + ",\"Next\":\"Store\"},\"Store\":{" + Task + ",\"End\":true}}}},"
            + "\"Report\":{" + Task + ",\"End\":true}}}";

        private const string FromS3 = "\"ItemReader\":{\"Resource\":\"arn:aws:states:::s3:getObject\",\"ReaderConfig\":{\"InputType\":\"JSON\"},\"Parameters\":{\"Bucket\":\"orders-bucket\",\"Key\":\"items.json\"}},\"ResultPath\":null,";

        private static IReadOnlyList<string> Items() => Enumerable.Range(0, ItemCount).Select(i => $"{{\"id\":{i},\"sku\":\"s-{i % 97}\"}}").ToList();

        /// <summary>The Map Run's children as the drill-down reads them; <paramref name="childInput"/> gives the input a child ran with.</summary>
        private static List<MapRunChild> Children(Func<int, string> childInput, bool statesRecorded = true)
        {
            var children = new List<MapRunChild>();
            for (var i = 0; i < ItemCount; i++)
            {
                var fate = Fates[i];
                if (fate == Fate.NeverStarted)
                {
                    continue;
                }

                var status = fate switch { Fate.Succeeded => MapRunChildStatus.Succeeded, Fate.FailedInTransform => MapRunChildStatus.Failed, _ => MapRunChildStatus.Aborted };
                var child = new MapRunChild(status, childInput(i)) { ExecutionArn = $"arn:aws:states:us-east-1:111122223333:execution:orders/Process:child-{i}" };
                if (statesRecorded && fate != Fate.Succeeded)
                {
                    child.ResumeState = fate switch { Fate.FailedInTransform => "Transform", Fate.AbortedInFetch => "Fetch", _ => "Store" };
                    child.ResumeInput = $"{{\"id\":{i},\"recorded\":\"{child.ResumeState}\"}}";
                }

                children.Add(child);
            }

            return children;
        }

        /// <summary>What each item's child runs in the resumed Map Run: the Task states it calls, in order, and the input of the first.</summary>
        private static Dictionary<int, (List<string> States, JsonElement FirstInput)> RunTwin(GoToDefinition copy, DistributedResumePlan plan, string mapInput, Func<JsonElement, int> itemOf)
        {
            using var folder = new TempFolder();
            var file = folder.Write("copy.asl.json", copy.Definition);
            var resuming = JsonNode.Parse(ResumingInput.Create("Process", mapInput, new Dictionary<string, string>(), copy.Variables, plan.Replay.ReplayJson))!["resuming"]!;
            var job = JsonSerializer.Serialize(new { file, state = copy.Twins["Process"], input = JsonDocument.Parse(resuming.ToJsonString()).RootElement, items = JsonDocument.Parse(plan.ItemFile!.Content).RootElement });
            var outcome = NodeOracle.Run("run-distributed.mjs", Array.Empty<string>(), job + "\n").Single();
            Assert.False(outcome.TryGetProperty("error", out var error), error.ToString());
            var calls = new Dictionary<int, (List<string> States, JsonElement FirstInput)>();
            foreach (var call in outcome.GetProperty("ran").EnumerateArray())
            {
                var input = call.GetProperty("input");
                var item = itemOf(input);
                if (!calls.TryGetValue(item, out var seen))
                {
                    calls[item] = seen = (new List<string>(), input.Clone());
                }

                seen.States.Add(CopySuffix.Replace(call.GetProperty("state").GetString()!, string.Empty));
            }

            return calls;
        }

        private static int IdOf(JsonElement input) => input.GetProperty("id").GetInt32();

        /// <summary>The acceptance criteria: 6,000 child runs, none for a succeeded item, each failed child only from its failed state with its recorded input.</summary>
        private static void AssertOnlyUnfinishedRan(Dictionary<int, (List<string> States, JsonElement FirstInput)> calls, bool statesRecorded = true)
        {
            Assert.Equal(6000, calls.Count);
            for (var i = 0; i < ItemCount; i++)
            {
                var fate = statesRecorded ? Fates[i] : Fates[i] == Fate.Succeeded ? Fate.Succeeded : Fate.NeverStarted;
                if (fate == Fate.Succeeded)
                {
                    Assert.False(calls.ContainsKey(i), $"item {i} succeeded before but ran again");
                    continue;
                }

                var (states, first) = calls[i];
                var expected = fate switch
                {
                    Fate.FailedInTransform => new[] { "Transform", "Store" },
                    Fate.AbortedInStore => new[] { "Store" },
                    _ => new[] { "Fetch", "Transform", "Store" },
                };
                Assert.Equal(expected, states);
                if (fate != Fate.NeverStarted)
                {
                    Assert.Equal(expected[0], first.GetProperty("recorded").GetString());
                }
                else
                {
                    Assert.False(first.TryGetProperty("recorded", out _));
                }
            }
        }

        [Fact]
        public void A_Map_Run_over_an_S3_JSON_file_runs_again_only_its_6000_unfinished_items()
        {
            var definition = Definition(FromS3);
            var copy = new GoToRewriter().Rewrite(definition);
            var run = new DistributedMapRun("Process", "{\"batch\":7}", new MapItemSource(ItemSourceKind.S3Json, "orders-bucket", "items.json") { Items = Items() },
                Children(i => $"{{ \"sku\" : \"s-{i % 97}\", \"id\" : {i} }}")) { RecordedItemCount = ItemCount };

            var plan = DistributedResumePlanner.Plan(run, copy, definition, location: null);

            Assert.Equal(ResumePrecision.Precise, plan.Replay.Precision);
            Assert.Empty(plan.Replay.Reasons);
            Assert.Equal((6000, 4000, 151, 5849), (plan.ItemFile!.Count, plan.Skipped, plan.ResumedAtState, plan.FromStart));
            Assert.Equal("orders-bucket", plan.ItemFile.Bucket);
            Assert.StartsWith(ItemFileLocation.DefaultPrefix, plan.ItemFile.Key);
            Assert.Contains("Discarded", plan.MapResult);
            AssertOnlyUnfinishedRan(RunTwin(copy, plan, "{\"batch\":7}", IdOf));

            // The same resume writes the same file under the same key.
            Assert.Equal(plan.ItemFile.Key, DistributedResumePlanner.Plan(run, copy, definition, null).ItemFile!.Key);
        }

        [Fact]
        public void A_resumed_run_that_failed_again_in_the_Map_resumes_only_what_succeeded_in_neither_run()
        {
            var definition = Definition(FromS3);
            var copy = new GoToRewriter().Rewrite(definition);
            var first = DistributedResumePlanner.Plan(
                new DistributedMapRun("Process", "{\"batch\":7}", new MapItemSource(ItemSourceKind.S3Json, "orders-bucket", "items.json") { Items = Items() }, Children(i => Items()[i])) { RecordedItemCount = ItemCount },
                copy, definition, location: null);
            var entries = JsonDocument.Parse(first.ItemFile!.Content).RootElement.EnumerateArray().Select(e => ItemFileEntry.Parse(e.GetRawText())!).ToList();

            // The resumed run over those 6,000 entries fails again. Its children ran the twin's copies of the
            // processor's states, and were handed their entry's index: most succeed this time; some fail at the
            // next state; some children resumed at Store are aborted before anything is recorded; some never start.
            string Copied(string state) => copy.OriginalNames.Single(n => n.Value == state && n.Key != state).Key;
            var second = new Dictionary<int, string>();
            var children = new List<MapRunChild>();
            foreach (var entry in entries)
            {
                var i = entry.Index;
                var fate = Fates[i] switch
                {
                    Fate.FailedInTransform => i % 5 == 0 ? "fails at Store" : "succeeds",
                    Fate.AbortedInStore => i % 2 == 0 ? "aborted, nothing recorded" : "succeeds",
                    _ => i % 10 == 0 ? "fails at Transform" : i % 10 == 1 ? "never starts" : "succeeds",
                };
                second[i] = fate;
                if (fate == "never starts")
                {
                    continue;
                }

                var input = $"{{\"input\":{entry.Item},\"replay\":{entry.Replay},\"index\":{i}}}";
                var status = fate == "succeeds" ? MapRunChildStatus.Succeeded : fate.StartsWith("fails", StringComparison.Ordinal) ? MapRunChildStatus.Failed : MapRunChildStatus.Aborted;
                var child = new MapRunChild(status, input) { ExecutionArn = $"arn:aws:states:us-east-1:111122223333:execution:orders-goto/Process-resumed:child-{i}" };
                if (fate.StartsWith("fails", StringComparison.Ordinal))
                {
                    var state = fate.Substring("fails at ".Length);
                    child.ResumeState = Copied(state);
                    child.ResumeInput = $"{{\"id\":{i},\"recorded\":\"{state}\",\"run\":2}}";
                }

                children.Add(child);
            }

            var again = DistributedResumePlanner.Plan(
                new DistributedMapRun("Process", "{\"batch\":7}", new MapItemSource(ItemSourceKind.S3Json, "orders-bucket", first.ItemFile.Key) { Items = entries.Select(e => e.Item).ToList() }, children)
                {
                    RecordedItemCount = entries.Count,
                    ResumedEntries = entries,
                },
                copy, definition, location: null);

            Assert.Equal(ResumePrecision.Precise, again.Replay.Precision);
            Assert.Empty(again.Replay.Reasons);
            var rerun = second.Where(s => s.Value != "succeeds").Select(s => s.Key).ToHashSet();
            Assert.Equal(rerun.Count, again.ItemFile!.Count);
            Assert.Equal(entries.Count - rerun.Count, again.Skipped);
            Assert.Contains("succeeded in the run before", again.MapResult);
            Assert.NotEqual(first.ItemFile.Key, again.ItemFile.Key);

            var calls = RunTwin(copy, again, "{\"batch\":7}", IdOf);
            Assert.Equal(rerun.OrderBy(i => i), calls.Keys.OrderBy(i => i));
            foreach (var i in rerun)
            {
                var (states, firstInput) = calls[i];
                switch (second[i])
                {
                    case "fails at Store":
                        Assert.Equal(new[] { "Store" }, states);
                        Assert.Equal(2, firstInput.GetProperty("run").GetInt32());
                        break;
                    case "fails at Transform":
                        Assert.Equal(new[] { "Transform", "Store" }, states);
                        Assert.Equal(2, firstInput.GetProperty("run").GetInt32());
                        break;
                    case "aborted, nothing recorded":
                        // Where the first resume put it: Store, with the first run's recorded input.
                        Assert.Equal(new[] { "Store" }, states);
                        Assert.Equal("Store", firstInput.GetProperty("recorded").GetString());
                        Assert.False(firstInput.TryGetProperty("run", out _));
                        break;
                    default:
                        // Never started this time: as its entry said (from the start, or where the first run stopped it).
                        var expected = Fates[i] == Fate.AbortedInStore ? new[] { "Store" } : new[] { "Fetch", "Transform", "Store" };
                        Assert.Equal(expected, states);
                        break;
                }
            }
        }

        [Fact]
        public void Items_from_the_input_resume_precisely_with_a_bucket_named_and_say_why_not_without_one()
        {
            var definition = Definition("\"ItemsPath\":\"$.orders\",\"ResultPath\":\"$.results\",");
            var copy = new GoToRewriter().Rewrite(definition);
            var mapInput = "{\"orders\":[" + string.Join(",", Items()) + "]}";
            var items = MapItemSource.ItemsIn((JsonObject)JsonNode.Parse(definition)!["States"]!["Process"]!, mapInput);
            var run = new DistributedMapRun("Process", mapInput, new MapItemSource(ItemSourceKind.Input) { Items = items }, Children(i => Items()[i]));

            var unnamed = DistributedResumePlanner.Plan(run, copy, definition, location: null);
            var named = DistributedResumePlanner.Plan(run, copy, definition, new ItemFileLocation("resume-bucket", "runs/"));

            Assert.Equal(ResumePrecision.WholeState, unnamed.Replay.Precision);
            Assert.Equal(new[] { PrecisionCodes.NoItemBucket }, unnamed.Replay.Codes);
            Assert.Contains("no bucket was named", unnamed.Replay.Reason);
            Assert.Null(unnamed.ItemFile);

            Assert.Equal(ResumePrecision.Precise, named.Replay.Precision);
            Assert.Equal(new[] { PrecisionCodes.PartialResult }, named.Replay.Codes);
            Assert.Contains("in item order", named.MapResult);
            Assert.Equal("resume-bucket", named.ItemFile!.Bucket);
            Assert.StartsWith("runs/", named.ItemFile.Key);
            var calls = RunTwin(copy, named, mapInput, IdOf);
            AssertOnlyUnfinishedRan(calls);
        }

        [Fact]
        public void An_ItemSelector_with_the_items_index_matches_children_by_it_and_hands_never_started_items_the_original_input()
        {
            var definition = Definition(FromS3 + "\"ItemSelector\":{\"order.$\":\"$$.Map.Item.Value\",\"position.$\":\"$$.Map.Item.Index\",\"batch.$\":\"$.batch\",\"kind\":\"parcel\"},");
            var copy = new GoToRewriter().Rewrite(definition);
            // The children's inputs hold their item's index, so even equal items are told apart.
            var run = new DistributedMapRun("Process", "{\"batch\":7}", new MapItemSource(ItemSourceKind.S3Json, "orders-bucket", "items.json") { Items = Items() },
                Children(i => $"{{\"order\":{Items()[i]},\"position\":{i},\"batch\":7,\"kind\":\"parcel\"}}"));

            var plan = DistributedResumePlanner.Plan(run, copy, definition, null);

            Assert.Equal(ResumePrecision.Precise, plan.Replay.Precision);
            var calls = RunTwin(copy, plan, "{\"batch\":7}", input => input.TryGetProperty("position", out var p) ? p.GetInt32() : IdOf(input));
            AssertOnlyUnfinishedRan(calls);
            var neverStarted = Enumerable.Range(0, ItemCount).First(i => Fates[i] == Fate.NeverStarted && i > 0);
            Assert.Equal($"{{\"order\":{Items()[neverStarted]},\"position\":{neverStarted},\"batch\":7,\"kind\":\"parcel\"}}", calls[neverStarted].FirstInput.GetRawText());
        }

        [Fact]
        public void An_ItemSelector_without_the_index_matches_when_it_can_be_worked_out_and_says_why_not_when_it_cannot()
        {
            var plain = Definition(FromS3 + "\"ItemSelector\":{\"id.$\":\"$$.Map.Item.Value.id\",\"batch.$\":\"$.batch\",\"kind\":\"parcel\"},");
            var intrinsic = Definition(FromS3 + "\"ItemSelector\":{\"id.$\":\"$$.Map.Item.Value.id\",\"label.$\":\"States.Format('item {}', $$.Map.Item.Value.sku)\"},");
            var source = new MapItemSource(ItemSourceKind.S3Json, "orders-bucket", "items.json") { Items = Items() };

            var plainCopy = new GoToRewriter().Rewrite(plain);
            var worked = DistributedResumePlanner.Plan(new DistributedMapRun("Process", "{\"batch\":7}", source, Children(i => $"{{\"id\":{i},\"batch\":7,\"kind\":\"parcel\"}}")), plainCopy, plain, null);
            var announced = DistributedResumePlanner.Plan(new DistributedMapRun("Process", "{}", source, Children(i => $"{{\"id\":{i},\"label\":\"item s-{i % 97}\"}}")), new GoToRewriter().Rewrite(intrinsic), intrinsic, null);

            Assert.Equal(ResumePrecision.Precise, worked.Replay.Precision);
            AssertOnlyUnfinishedRan(RunTwin(plainCopy, worked, "{\"batch\":7}", IdOf));
            Assert.Equal(ResumePrecision.WholeState, announced.Replay.Precision);
            Assert.Equal(new[] { PrecisionCodes.ItemsNotMatched }, announced.Replay.Codes);
            Assert.Contains("States.Format", announced.Replay.Reason);
            Assert.Contains("$$.Map.Item.Index", announced.Replay.Reason);
        }

        [Fact]
        public void Express_children_without_logs_run_again_from_their_start_and_the_note_says_so()
        {
            var definition = Definition(FromS3, "EXPRESS");
            var copy = new GoToRewriter().Rewrite(definition);
            var run = new DistributedMapRun("Process", "{}", new MapItemSource(ItemSourceKind.S3Json, "orders-bucket", "items.json") { Items = Items() },
                Children(i => Items()[i], statesRecorded: false));

            var plan = DistributedResumePlanner.Plan(run, copy, definition, null);

            Assert.Equal(ResumePrecision.Precise, plan.Replay.Precision);
            Assert.Equal(new[] { PrecisionCodes.ResumeInputNotRecorded }, plan.Replay.Codes);
            Assert.Contains("151 child executions run again from the item processor's start", plan.Replay.Reason);
            Assert.Equal((6000, 0, 6000), (plan.ItemFile!.Count, plan.ResumedAtState, plan.FromStart));
            AssertOnlyUnfinishedRan(RunTwin(copy, plan, "{}", IdOf), statesRecorded: false);
            Assert.Contains("\"ExecutionType\":\"EXPRESS\"", JsonNode.Parse(copy.Definition)!["States"]![copy.Twins["Process"]]!["ItemProcessor"]!.ToJsonString());
        }

        [Fact]
        public void A_ResultWriter_resumes_precisely_and_says_its_files_hold_only_the_items_that_ran_again()
        {
            var definition = Definition(FromS3.Replace("\"ResultPath\":null,", string.Empty) + "\"ResultWriter\":{\"Resource\":\"arn:aws:states:::s3:putObject\",\"Parameters\":{\"Bucket\":\"results-bucket\",\"Prefix\":\"runs\"}},");
            var copy = new GoToRewriter().Rewrite(definition);
            var run = new DistributedMapRun("Process", "{}", new MapItemSource(ItemSourceKind.S3Json, "orders-bucket", "items.json") { Items = Items() }, Children(i => Items()[i]));

            var plan = DistributedResumePlanner.Plan(run, copy, definition, null);

            Assert.Equal(ResumePrecision.Precise, plan.Replay.Precision);
            Assert.Equal(new[] { PrecisionCodes.PartialResult }, plan.Replay.Codes);
            Assert.True(plan.Replay.Reasons.Single().Warns);
            Assert.Contains("new manifest", plan.MapResult);
            Assert.Contains("6,000 items that ran again", plan.MapResult);
            var twin = JsonNode.Parse(copy.Definition)!["States"]![copy.Twins["Process"]]!;
            Assert.Equal("results-bucket", twin["ResultWriter"]!["Parameters"]!["Bucket"]!.GetValue<string>());
            AssertOnlyUnfinishedRan(RunTwin(copy, plan, "{}", IdOf));
        }

        [Theory]
        [InlineData("\"ItemReader\":{\"Resource\":\"arn:aws:states:::s3:getObject\",\"ReaderConfig\":{\"InputType\":\"CSV\",\"CSVHeaderLocation\":\"FIRST_ROW\"},\"Parameters\":{\"Bucket\":\"b\",\"Key\":\"items.csv\"}},", ItemSourceKind.S3Csv, PrecisionCodes.ItemSourceNotRead, "a CSV file")]
        [InlineData("\"ItemReader\":{\"Resource\":\"arn:aws:states:::s3:getObject\",\"ReaderConfig\":{\"InputType\":\"MANIFEST\"},\"Parameters\":{\"Bucket\":\"b\",\"Key\":\"manifest.json\"}},", ItemSourceKind.S3Manifest, PrecisionCodes.ItemSourceNotRead, "manifest")]
        [InlineData("\"ItemReader\":{\"Resource\":\"arn:aws:states:::s3:listObjectsV2\",\"Parameters\":{\"Bucket\":\"b\",\"Prefix\":\"in/\"}},", ItemSourceKind.S3ObjectList, PrecisionCodes.ItemSourceNotRead, "listObjectsV2")]
        [InlineData(FromS3 + "\"ItemBatcher\":{\"MaxItemsPerBatch\":10},", ItemSourceKind.S3Json, PrecisionCodes.NoTwin, "ItemBatcher")]
        public void Sources_and_settings_that_cannot_resume_precisely_re_run_the_Map_whole_and_say_why(string fields, ItemSourceKind kind, string code, string said)
        {
            var definition = Definition(fields);
            var state = (JsonObject)JsonNode.Parse(definition)!["States"]!["Process"]!;
            var source = MapItemSource.Describe(state);
            source.Items = kind == ItemSourceKind.S3Json ? Items() : null;
            var run = new DistributedMapRun("Process", "{}", source, Children(i => Items()[i]));

            var plan = DistributedResumePlanner.Plan(run, new GoToRewriter().Rewrite(definition), definition, null);

            Assert.Equal(kind, source.Kind);
            Assert.Equal(ResumePrecision.WholeState, plan.Replay.Precision);
            Assert.Equal(new[] { code }, plan.Replay.Codes);
            Assert.Contains(said, plan.Replay.Reason);
            Assert.True(plan.Replay.Reasons.Single().Warns);
            Assert.Null(plan.ItemFile);
        }

        [Fact]
        public void An_ItemReader_reading_its_bucket_from_the_input_is_described_with_it_and_a_MaxItemsPath_variable_is_announced()
        {
            var definition = Definition("\"ItemReader\":{\"Resource\":\"arn:aws:states:::s3:getObject\",\"ReaderConfig\":{\"InputType\":\"JSON\",\"MaxItemsPath\":\"$maxItems\"},\"Parameters\":{\"Bucket.$\":\"$.source.bucket\",\"Key.$\":\"$.source.key\"}},");
            var state = (JsonObject)JsonNode.Parse(definition)!["States"]!["Process"]!;
            var source = MapItemSource.Describe(state, "{\"source\":{\"bucket\":\"in-bucket\",\"key\":\"day/items.json\"}}");
            source.Items = Items();

            var plan = DistributedResumePlanner.Plan(new DistributedMapRun("Process", "{}", source, Children(i => Items()[i])), new GoToRewriter().Rewrite(definition), definition, null);

            Assert.Equal((ItemSourceKind.S3Json, "in-bucket", "day/items.json"), (source.Kind, source.Bucket, source.Key));
            Assert.Equal(new[] { PrecisionCodes.ItemSourceNotRead }, plan.Replay.Codes);
            Assert.Contains("MaxItemsPath ($maxItems)", plan.Replay.Reason);
        }

        [Fact]
        public void Items_that_changed_since_the_run_re_run_the_Map_whole_and_say_why()
        {
            var definition = Definition(FromS3);
            var changed = Items().Select(item => item.Replace("\"sku\"", "\"SKU\"")).ToList();
            var run = new DistributedMapRun("Process", "{}", new MapItemSource(ItemSourceKind.S3Json, "orders-bucket", "items.json") { Items = changed }, Children(i => Items()[i]));

            var plan = DistributedResumePlanner.Plan(run, new GoToRewriter().Rewrite(definition), definition, null);

            Assert.Equal(new[] { PrecisionCodes.ItemsNotMatched }, plan.Replay.Codes);
            Assert.Contains("4,151 of its 4,151 child executions ran an input that matches no item", plan.Replay.Reason);
        }

        [Fact]
        public void The_copy_with_a_Distributed_Map_twin_passes_asl_validator()
        {
            var definition = Definition(FromS3 + "\"ItemSelector\":{\"order.$\":\"$$.Map.Item.Value\",\"position.$\":\"$$.Map.Item.Index\"},\"Label\":\"orders\",");
            var copy = new GoToRewriter().Rewrite(definition);
            using var folder = new TempFolder();

            var result = NodeOracle.Run("validate-asl.js", new[] { "--no-arn-check", folder.Write("copy.asl.json", copy.Definition) }).Single();

            Assert.True(result.GetProperty("isValid").GetBoolean(), result.GetProperty("errors").GetString());
            var twin = JsonNode.Parse(copy.Definition)!["States"]![copy.Twins["Process"]]!;
            Assert.Equal("orders-resumed", twin["Label"]!.GetValue<string>());
            Assert.Equal("$.replay.bucket", twin["ItemReader"]!["Parameters"]!["Bucket.$"]!.GetValue<string>());
        }
    }
}
