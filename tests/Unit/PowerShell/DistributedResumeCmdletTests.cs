using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfnResume.GoTo;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// The precise resume of a failed Distributed Map through the cmdlets, against the loopback Step Functions
    /// that plays the Map Run and its children and an S3 loopback holding its items (<see cref="FailedMapRunWorld"/>):
    /// a parent over 10,000 items from an S3 JSON file (Standard children, ToleratedFailureCount 50, MaxConcurrency
    /// 100) whose children failed 51 times at their second state, were aborted 100 times, succeeded 4,000 times,
    /// and never started for 5,849 items. The item file the resume writes is fed through the twin's processor by
    /// tests/oracles/run-distributed.mjs: which Task each item's child calls shows what runs again.
    /// </summary>
    public sealed class DistributedResumeCmdletTests : IDisposable
    {
        private readonly FailedMapRunWorld world = new FailedMapRunWorld(items: 10_000, failed: 51, aborted: 100, succeeded: 4_000);
        private readonly PowerShellSession session = new PowerShellSession();

        public void Dispose()
        {
            session.Dispose();
            world.Dispose();
        }

        private PowerShellResult Run(string script) => session.Run(
            "$c = @{ EndpointUrl = $endpoint; Region = 'eu-west-1'; AccessKey = 'AKIDEXAMPLE'; SecretKey = 'secret' }\n" + script,
            new Dictionary<string, object?> { ["endpoint"] = world.Endpoint.Url, ["parent"] = world.ParentArn });

        private static T Property<T>(PSObject item, string name) => (T)item.Properties[name].Value;

        /// <summary>A GetExecutionHistory call for the oldest event alone: a child's ExecutionStarted, for its input.</summary>
        private static bool StartedOnly(RecordedRequest request)
        {
            var body = JsonDocument.Parse(request.Body).RootElement;
            return body.TryGetProperty("maxResults", out var max) && max.GetInt32() == 1 && !(body.TryGetProperty("reverseOrder", out var reverse) && reverse.GetBoolean());
        }

        private int S3Puts => world.S3.Count("PUT");

        private IReadOnlyList<RecordedRequest> Starts => world.Endpoint.Requests.Where(r => r.Operation == "StartExecution").ToList();

        /// <summary>The one item file the resume wrote, by its key.</summary>
        private (string Key, string Content) ItemFile()
        {
            var key = Assert.Single(world.S3.Keys(FailedMapRunWorld.Bucket), k => k.StartsWith("sfnresume/items/", StringComparison.Ordinal));
            return (key, world.S3.Get(FailedMapRunWorld.Bucket, key)!);
        }

        [Fact]
        public void The_GoTo_copy_of_a_failed_Map_Run_runs_only_its_6000_unfinished_items_and_two_runs_write_one_item_file()
        {
            var first = Run("$point = Get-SfnFailurePoint $parent @c; $first = $point | New-SfnGoToStateMachine @c; $first");
            var second = Run("$second = $point | New-SfnGoToStateMachine @c; $second");
            var started = Run("$first | Start-SfnGoToExecution @c");

            Assert.Empty(first.Errors.Concat(second.Errors).Concat(started.Errors));
            var copy = Assert.Single(first.Output);
            Assert.Equal("Precise", Property<string>(copy, "Precision"));
            Assert.Equal(6000L, Property<long?>(copy, "ItemsRunAgain"));
            Assert.Equal("Written", Property<string>(copy, "ItemFileWrite"));
            Assert.DoesNotContain(first.Warnings, w => w.Contains("re-runs whole"));

            // The Map's output array (its ResultPath is the default) holds the results of the items that ran again: said, not hidden.
            Assert.Equal(new[] { PrecisionCodes.PartialResult }, Property<IReadOnlyList<string>>(copy, "PrecisionCodes"));
            Assert.Equal("An array of the 6,000 results of the items that ran again, in item order; the 4,000 items that succeeded before are not in it.", Property<string>(copy, "MapResult"));

            // Once across two runs of the same command: the second finds it under the same key.
            var again = Assert.Single(second.Output);
            Assert.Equal(Property<string>(copy, "ItemFile"), Property<string>(again, "ItemFile"));
            Assert.Equal("AlreadyThere", Property<string>(again, "ItemFileWrite"));
            Assert.Equal(1, S3Puts);
            var (key, content) = ItemFile();
            Assert.Equal($"s3://{FailedMapRunWorld.Bucket}/{key}", Property<string>(copy, "ItemFile"));

            // The resumed run started with the replay input, which names the file.
            var start = JsonDocument.Parse(Assert.Single(Starts).Body).RootElement;
            var input = start.GetProperty("input").GetString()!;
            Assert.Equal(Property<string>(copy, "Input"), input);
            var replay = JsonNode.Parse(input)!["resuming"]!["replay"]!;
            Assert.Equal((FailedMapRunWorld.Bucket, key), (replay["bucket"]!.GetValue<string>(), replay["key"]!.GetValue<string>()));

            MapRunReplayAssert.OnlyUnfinishedRan(world, world.RunItemFile(Property<string>(copy, "Definition"), input, content));

            // The unsuccessful children were read from their own histories; of a succeeded one only its input:
            // its ExecutionStarted event alone, or DescribeExecution, shared between the two calls' quotas.
            static string ArnIn(RecordedRequest r) => JsonDocument.Parse(r.Body).RootElement.GetProperty("executionArn").GetString()!;
            static int ItemOf(string arn) => int.Parse(arn.Substring(arn.Length - 5), System.Globalization.CultureInfo.InvariantCulture);
            var reads = world.Endpoint.Requests.Where(r => r.Operation == "GetExecutionHistory" && ArnIn(r).Contains("ProcessOrders:c", StringComparison.Ordinal)).ToList();
            var histories = reads.Where(r => !StartedOnly(r)).Select(ArnIn).Distinct().ToList();
            Assert.Equal(151, histories.Count);
            Assert.All(histories, a => Assert.True(ItemOf(a) < 151));
            var inputs = reads.Where(StartedOnly).Select(ArnIn).Concat(world.Endpoint.Requests.Where(r => r.Operation == "DescribeExecution").Select(ArnIn).Where(a => a.Contains("ProcessOrders:c", StringComparison.Ordinal))).ToList();
            Assert.Equal(Enumerable.Range(151, 4000), inputs.Select(ItemOf).Distinct().OrderBy(i => i));
        }

        [Fact]
        public void Invoke_SfnRedrive_on_the_GoTo_path_writes_the_item_file_then_starts_the_copy_once()
        {
            var result = Run("Invoke-SfnRedrive $parent -Method GoTo -Force -Verbose @c");
            var rerun = Run("Invoke-SfnRedrive $parent -Method GoTo -Force @c");

            Assert.Empty(result.Errors.Concat(rerun.Errors));
            var resumed = Assert.Single(result.Output);
            Assert.Equal(("GoTo", "Started", "Precise"), (Property<string>(resumed, "Method"), Property<string>(resumed, "Status"), Property<string>(resumed, "Precision")));
            Assert.Equal(6000L, Property<long?>(resumed, "ItemsRunAgainByGoTo"));
            Assert.Equal(6000L, Property<long?>(resumed, "ItemsRunAgainByRedrive"));
            Assert.Contains("ran again", Property<string>(resumed, "MapResult"));
            Assert.Equal("AlreadyResumed", Property<string>(Assert.Single(rerun.Output), "Status"));
            Assert.Contains(result.Verbose, v => v.Contains($"Write the 6,000 items of 'ProcessOrders' that did not succeed to {Property<string>(resumed, "ItemFile")}, then resume with a GoTo copy", StringComparison.Ordinal));

            Assert.Equal(1, S3Puts);
            var (key, content) = ItemFile();
            Assert.Equal($"s3://{FailedMapRunWorld.Bucket}/{key}", Property<string>(resumed, "ItemFile"));
            var input = JsonDocument.Parse(Assert.Single(Starts).Body).RootElement.GetProperty("input").GetString()!;
            Assert.Equal(key, JsonNode.Parse(input)!["resuming"]!["replay"]!["key"]!.GetValue<string>());

            // What reading the Map Run cost, once (the rerun found its resume and read nothing): a history per
            // unsuccessful child (151); per succeeded one (4,000) a DescribeExecution or its ExecutionStarted
            // event alone, 3 to 4, as the two quotas refill (15 and 20 a second).
            static string ArnIn(RecordedRequest r) => JsonDocument.Parse(r.Body).RootElement.GetProperty("executionArn").GetString()!;
            bool Child(RecordedRequest r) => ArnIn(r).Contains("ProcessOrders:c", StringComparison.Ordinal);
            Assert.Equal(151, world.Endpoint.Requests.Count(r => r.Operation == "GetExecutionHistory" && Child(r) && !StartedOnly(r)));
            Assert.Equal(2284, world.Endpoint.Requests.Count(r => r.Operation == "GetExecutionHistory" && Child(r) && StartedOnly(r)));
            Assert.Equal(1716, world.Endpoint.Requests.Count(r => r.Operation == "DescribeExecution" && Child(r)));
            Assert.Equal(1, world.S3.Count("GET"));

            // The file was written before the run that reads it started.
            var requests = world.Endpoint.Requests.ToList();
            Assert.True(requests.FindIndex(r => r.Method == "PUT") < requests.FindIndex(r => r.Operation == "StartExecution"));
            Assert.Equal(0, world.Endpoint.Count("RedriveExecution"));
            MapRunReplayAssert.OnlyUnfinishedRan(world, world.RunItemFile(new GoToRewriter().Rewrite(FailedMapRunScenario.ParentDefinition).Definition, input, content));
        }

        [Fact]
        public void Test_SfnRedrive_and_WhatIf_show_the_6000_children_that_would_run_again_and_write_nothing()
        {
            var plan = Run("Test-SfnRedrive $parent -Method GoTo @c");
            var whatIf = Run("Invoke-SfnRedrive $parent -Method GoTo -WhatIf @c");

            Assert.Empty(plan.Errors.Concat(whatIf.Errors));
            var planned = Assert.Single(plan.Output);
            Assert.Equal(("Planned", "Precise"), (Property<string>(planned, "Status"), Property<string>(planned, "Precision")));
            Assert.Equal(6000L, Property<long?>(planned, "ItemsRunAgainByGoTo"));
            Assert.StartsWith($"s3://{FailedMapRunWorld.Bucket}/sfnresume/items/", Property<string>(planned, "ItemFile"));
            Assert.Equal("nightly: 'ProcessOrders': its output array holds the results of the items that ran again only, in item order; the results of the items that succeeded before are not in it.", Assert.Single(plan.Warnings));

            Assert.Empty(whatIf.Output);
            Assert.Equal(0, world.S3.Count("PUT") + world.S3.Count("HEAD"));
            Assert.Equal(0, world.Endpoint.Count("StartExecution") + world.Endpoint.Count("CreateStateMachine") + world.Endpoint.Count("RedriveExecution"));
        }

        [Fact]
        public void Items_S3_will_not_give_rerun_the_whole_Map_and_say_why_without_reading_a_child()
        {
            using var world = new FailedMapRunWorld(items: 10_000, failed: 51, aborted: 100, succeeded: 4_000, itemFileThere: false);
            var result = session.Run(
                "Test-SfnRedrive $parent -Method GoTo -EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret",
                new Dictionary<string, object?> { ["endpoint"] = world.Endpoint.Url, ["parent"] = world.ParentArn });

            var planned = Assert.Single(result.Output);
            Assert.Equal("WholeState", Property<string>(planned, "Precision"));
            Assert.Equal(new[] { PrecisionCodes.ItemSourceNotRead }, Property<IReadOnlyList<string>>(planned, "PrecisionCodes"));
            var note = Property<string>(planned, "PrecisionNote");
            Assert.True(note.Contains($"its items could not be read: s3://{FailedMapRunWorld.Bucket}/{FailedMapRunWorld.Key} is not there (S3 answered 404", StringComparison.Ordinal), note);
            Assert.Equal(10000L, Property<long?>(planned, "ItemsRunAgainByGoTo"));
            Assert.Contains(result.Warnings, w => w.Contains("'ProcessOrders' re-runs whole, every item"));
            Assert.Equal(0, world.Endpoint.Requests.Count(r => r.Operation == "ListExecutions" && r.Body.Contains("mapRunArn")));
        }
    }
}
