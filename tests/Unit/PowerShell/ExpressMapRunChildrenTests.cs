using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfnResume.Express;
using SfnResume.GoTo;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// A failed Distributed Map whose children are Express executions (<see cref="FailedMapRunWorld"/> with
    /// expressChildren): 200 items, 5 children failed at their second state, 10 aborted in their first, 80
    /// succeeded, 105 never started. Step Functions keeps no history of an Express child; its level-ALL records
    /// in the parent's log group give its failure point, read for all children in one FilterLogEvents scan.
    /// </summary>
    public sealed class ExpressMapRunChildrenTests : IDisposable
    {
        private const int Items = 200;
        private const int Failed = 5;
        private const int Aborted = 10;
        private const int Succeeded = 80;

        /// <summary>The records in the run's window: a failed child logs 11 events, an aborted one 5, a succeeded one 12 (ExecutionStarted, two Task states of five events, ExecutionSucceeded).</summary>
        private const int Records = (Failed * 11) + (Aborted * 5) + (Succeeded * 12);

        private static readonly string ChildPrefix = $"{RedriveServer.Account}:express:Orders/ProcessOrders:";

        private readonly PowerShellSession session = new PowerShellSession();
        private FailedMapRunWorld? world;

        public void Dispose()
        {
            session.Dispose();
            world?.Dispose();
        }

        private FailedMapRunWorld World(string logLevel = "ALL", bool includeExecutionData = true, int unloggedFailed = 0)
            => world = new FailedMapRunWorld(Items, Failed, Aborted, Succeeded, expressChildren: true, logLevel: logLevel, includeExecutionData: includeExecutionData, unloggedFailed: unloggedFailed);

        private PowerShellResult Run(string script) => session.Run(
            "$c = @{ EndpointUrl = $endpoint; Region = 'eu-west-1'; AccessKey = 'AKIDEXAMPLE'; SecretKey = 'secret' }\n" + script,
            new Dictionary<string, object?> { ["endpoint"] = world!.Endpoint.Url, ["parent"] = world.ParentArn });

        private static T Property<T>(PSObject item, string name) => (T)item.Properties[name].Value;

        private static string Canonical(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

        private static int ItemOf(FailurePoint point) => int.Parse(point.ExecutionName.Substring(1), CultureInfo.InvariantCulture);

        private static string ArnIn(RecordedRequest r) => JsonDocument.Parse(r.Body).RootElement.GetProperty("executionArn").GetString()!;

        private int ChildCalls(string operation) => world!.Endpoint.Requests.Count(r => r.Operation == operation && ArnIn(r).StartsWith(ChildPrefix, StringComparison.Ordinal));

        [Fact]
        public void Express_children_get_their_failed_state_error_and_inputs_from_one_scan_of_the_parents_log_group()
        {
            World();

            var result = Run("Get-SfnFailurePoint $parent -MapRunChildren -Verbose @c");

            Assert.Empty(result.Errors);
            Assert.Empty(result.Warnings);
            var points = result.Output.Select(o => (FailurePoint)o.BaseObject).ToList();
            Assert.Equal(Failed + Aborted, points.Count);
            Assert.All(points, p =>
            {
                Assert.StartsWith(ChildPrefix, p.ExecutionArn);
                Assert.Null(p.LogsProblem);
                Assert.Equal(world!.ParentArn, p.ParentExecutionArn);
                Assert.Equal(Canonical(FailedMapRunScenario.Item(ItemOf(p))), Canonical(p.ExecutionInput!));
                Assert.Equal("CloudWatch Logs " + FailedMapRunWorld.LogGroup, p.Source);
            });

            // Failed at their second state with the input it was given; aborted in their first, with the item.
            var failed = points.Where(p => p.Status == "FAILED").ToList();
            Assert.Equal(Failed, failed.Count);
            Assert.All(failed, p =>
            {
                Assert.Equal(("Charge card", "Charge card", "Payment.Declined"), (p.FailedState, p.ResumeState, p.Error));
                Assert.Equal(Canonical(FailedMapRunScenario.Fetched(ItemOf(p))), Canonical(p.ResumeInput!));
            });
            Assert.All(points.Where(p => p.Status == "ABORTED"), p => Assert.Equal(("Fetch order", "Fetch order"), (p.FailedState, p.ResumeState)));
            Assert.Equal(new[] { "Charge card|Payment.Declined x 5", "Fetch order| x 10" },
                points.GroupBy(p => $"{p.FailedState}|{p.Error}").Select(g => $"{g.Key} x {g.Count()}").OrderBy(g => g));

            // One scan of the run's window for every child of the label (a page of 100 records at a time), not a
            // search per child; no child is described or asked for a history.
            var scans = world!.Endpoint.Requests.Where(r => r.Operation == "FilterLogEvents").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
            Assert.Equal((Records + 99) / 100, scans.Count);
            Assert.All(scans, s =>
            {
                Assert.Equal(FailedMapRunWorld.LogGroup, s.GetProperty("logGroupName").GetString());
                Assert.Equal("{ $.execution_arn = \"" + ChildPrefix + "*\" }", s.GetProperty("filterPattern").GetString());
                Assert.Equal((1_700_000_000L - 1) * 1000, s.GetProperty("startTime").GetInt64());
                Assert.Equal((1_700_003_600L + 300) * 1000, s.GetProperty("endTime").GetInt64());
            });
            Assert.Equal(scans.Count - 1, scans.Count(s => s.TryGetProperty("nextToken", out _)));
            Assert.Equal(0, ChildCalls("DescribeExecution") + ChildCalls("GetExecutionHistory") + ChildCalls("DescribeStateMachineForExecution"));
            Assert.Contains(result.Verbose, v => v.Contains($"records read from '{FailedMapRunWorld.LogGroup}' in {scans.Count} FilterLogEvents pages", StringComparison.Ordinal));
        }

        [Fact]
        public void Children_whose_records_are_missing_fall_back_to_DescribeExecution_each_with_its_reason_and_one_warning()
        {
            World(unloggedFailed: 2);

            var result = Run("Get-SfnFailurePoint $parent -MapRunChildren @c");

            Assert.Empty(result.Errors);
            var points = result.Output.Select(o => (FailurePoint)o.BaseObject).ToList();
            Assert.Equal(Failed + Aborted, points.Count);
            var unlogged = points.Where(p => p.LogsProblem != null).OrderBy(ItemOf).ToList();
            Assert.Equal(new[] { 0, 1 }, unlogged.Select(ItemOf));
            Assert.All(unlogged, p =>
            {
                Assert.Equal(ExpressLogsException.RecordsNotFound, p.LogsProblem);
                Assert.Null(p.FailedState);
                Assert.Equal("FAILED", p.Status);
                Assert.Equal(FailedMapRunScenario.Item(ItemOf(p)), p.ExecutionInput);
                Assert.Contains(p.Notes, n => n.Contains("has no record of", StringComparison.Ordinal) && n.Contains("DescribeExecution", StringComparison.Ordinal));
            });
            Assert.All(points.Except(unlogged), p => Assert.NotNull(p.FailedState));

            var warning = Assert.Single(result.Warnings);
            Assert.Matches(@"\(ExpressRecordsNotFound\), first c0000[01]: their failed state is unknown", warning);
            Assert.Equal(2, ChildCalls("DescribeExecution"));
            Assert.Equal((Records - (2 * 11) + 99) / 100, world!.Endpoint.Count("FilterLogEvents"));
        }

        [Theory]
        [InlineData("ERROR", true, ExpressLogsException.LogLevelTooLow)]
        [InlineData("OFF", true, ExpressLogsException.LoggingOff)]
        [InlineData("ALL", false, ExpressLogsException.NoExecutionData)]
        public void A_parent_that_does_not_log_what_a_failure_point_needs_reads_no_log_and_says_so_once(string level, bool includeExecutionData, string code)
        {
            World(level, includeExecutionData);

            var result = Run("Get-SfnFailurePoint $parent -MapRunChildren @c");

            Assert.Empty(result.Errors);
            var points = result.Output.Select(o => (FailurePoint)o.BaseObject).ToList();
            Assert.Equal(Failed + Aborted, points.Count);
            Assert.All(points, p =>
            {
                Assert.Equal(code, p.LogsProblem);
                Assert.Null(p.FailedState);
                Assert.Equal(FailedMapRunScenario.Item(ItemOf(p)), p.ExecutionInput);
                Assert.Contains(p.Notes, n => n.Contains(code, StringComparison.Ordinal) && n.Contains("arn:aws:states:eu-west-1:123456789012:stateMachine:Orders", StringComparison.Ordinal));
            });
            Assert.Contains($"({code})", Assert.Single(result.Warnings), StringComparison.Ordinal);
            Assert.Equal(0, world!.Endpoint.Count("FilterLogEvents"));
            Assert.Equal(Failed + Aborted, ChildCalls("DescribeExecution"));
        }

        [Fact]
        public void The_GoTo_copy_resumes_failed_Express_children_at_their_own_state_with_their_recorded_input()
        {
            World();

            var copied = Run("$point = Get-SfnFailurePoint $parent @c; $copy = $point | New-SfnGoToStateMachine @c; $copy");
            var started = Run("$copy | Start-SfnGoToExecution @c");

            Assert.Empty(copied.Errors.Concat(started.Errors));
            var copy = Assert.Single(copied.Output);
            Assert.Equal("Precise", Property<string>(copy, "Precision"));
            Assert.Equal((long)(Items - Succeeded), Property<long?>(copy, "ItemsRunAgain"));
            Assert.Equal(new[] { PrecisionCodes.PartialResult }, Property<IReadOnlyList<string>>(copy, "PrecisionCodes"));

            var calls = RunResumedItems(copy);
            Assert.Equal(Items - Succeeded, calls.Count);
            for (var i = 0; i < Items; i++)
            {
                if (i >= Failed + Aborted && i < Failed + Aborted + Succeeded)
                {
                    Assert.False(calls.ContainsKey(i), $"item {i} succeeded before but ran again");
                    continue;
                }

                var (states, first) = calls[i];
                if (i < Failed)
                {
                    Assert.Equal(new[] { "Charge card" }, states);
                    Assert.True(first.GetProperty("fetched").GetBoolean(), $"item {i} resumed without the input its failed state was given");
                }
                else
                {
                    Assert.Equal(new[] { "Fetch order", "Charge card" }, states);
                    Assert.False(first.TryGetProperty("fetched", out _));
                }
            }

            // What it cost: one paged scan, which gives the unsuccessful children's records and the succeeded
            // children's inputs (their items) alike; no history or description of any child.
            Assert.Equal((Records + 99) / 100, world!.Endpoint.Count("FilterLogEvents"));
            Assert.Equal(0, ChildCalls("DescribeExecution"));
            Assert.Equal(0, ChildCalls("GetExecutionHistory"));
        }

        [Fact]
        public void Express_children_without_records_run_again_from_the_start_and_the_precision_note_says_why()
        {
            World(unloggedFailed: 2);

            var copied = Run("$point = Get-SfnFailurePoint $parent @c; $copy = $point | New-SfnGoToStateMachine @c; $copy");
            Run("$copy | Start-SfnGoToExecution @c");

            var copy = Assert.Single(copied.Output);
            Assert.Equal("Precise", Property<string>(copy, "Precision"));
            Assert.Contains(PrecisionCodes.ResumeInputNotRecorded, Property<IReadOnlyList<string>>(copy, "PrecisionCodes"));
            var note = Property<string>(copy, "PrecisionNote");
            Assert.True(note.Contains("2 child executions run again from the item processor's start", StringComparison.Ordinal) && note.Contains(ExpressLogsException.RecordsNotFound, StringComparison.Ordinal), note);

            var calls = RunResumedItems(copy);
            Assert.Equal(new[] { "Fetch order", "Charge card" }, calls[0].States);
            Assert.Equal(new[] { "Fetch order", "Charge card" }, calls[1].States);
            Assert.All(Enumerable.Range(2, Failed - 2), i => Assert.Equal(new[] { "Charge card" }, calls[i].States));
        }

        /// <summary>Which Task each item's child calls when the resumed Map runs the item file the copy's start names.</summary>
        private Dictionary<int, (List<string> States, JsonElement FirstInput)> RunResumedItems(PSObject copy)
        {
            var input = JsonDocument.Parse(world!.Endpoint.Requests.Single(r => r.Operation == "StartExecution").Body).RootElement.GetProperty("input").GetString()!;
            var key = JsonNode.Parse(input)!["resuming"]!["replay"]!["key"]!.GetValue<string>();
            var content = world.S3.Get(FailedMapRunWorld.Bucket, key)!;
            return world.RunItemFile(Property<string>(copy, "Definition"), input, content);
        }
    }
}
