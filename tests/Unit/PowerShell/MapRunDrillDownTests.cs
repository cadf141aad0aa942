using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using SfnResume.Aws.Model;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// Get-SfnFailurePoint on an execution that failed in a Distributed Map: the Map Run on the parent's failure
    /// point, and with -MapRunChildren one failure point per failed, timed-out and aborted child, read through a
    /// loopback that plays the run (<see cref="FailedMapRunScenario"/>).
    /// </summary>
    public sealed class MapRunDrillDownTests : IDisposable
    {
        private readonly PowerShellSession session = new PowerShellSession();
        private MapRunServer? server;
        private LoopbackEndpoint? endpoint;

        public void Dispose()
        {
            server?.Release();
            session.Dispose();
            endpoint?.Dispose();
        }

        private LoopbackEndpoint Serve(MapRunServer run)
        {
            server = run;
            endpoint = new LoopbackEndpoint(run.Handle);
            return endpoint;
        }

        private PowerShellResult Run(string script) => session.Run(
            "$PSDefaultParameterValues['Get-SfnFailurePoint:EndpointUrl'] = $endpoint; $PSDefaultParameterValues['Get-SfnFailurePoint:Region'] = 'us-east-1'; $PSDefaultParameterValues['Get-SfnFailurePoint:AccessKey'] = 'AKIDEXAMPLE'; $PSDefaultParameterValues['Get-SfnFailurePoint:SecretKey'] = 'secret'\n" + script,
            new Dictionary<string, object?> { ["endpoint"] = endpoint!.Url, ["parent"] = FailedMapRunScenario.ParentArn });

        private static T Property<T>(PSObject item, string name) => (T)item.Properties[name].Value;

        private static string Canonical(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

        [Fact]
        public void A_saved_parent_history_reads_its_children_from_AWS_and_says_so()
        {
            Serve(FailedMapRunScenario.Build(items: 300, failed: 5, aborted: 10, succeeded: 120));
            using var folder = new TempFolder();
            var saved = folder.Write("nightly.json", "{\"events\":[" + string.Join(",", FailedMapRunScenario.ParentHistory()) + "]}");

            var result = session.Run(
                "Get-SfnFailurePoint -Path $saved -MapRunChildren -Verbose -EndpointUrl $endpoint -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey secret",
                new Dictionary<string, object?> { ["endpoint"] = endpoint!.Url, ["saved"] = saved });

            Assert.Empty(result.Errors);
            Assert.Equal(15, result.Output.Count);
            Assert.Contains(result.Verbose, v => v.Contains($"The children of {FailedMapRunScenario.MapRunArn} are read from AWS", StringComparison.Ordinal));
        }

        [Fact]
        public void A_run_over_10000_items_that_failed_at_its_threshold_gives_151_child_failure_points_read_from_their_own_histories()
        {
            var run = FailedMapRunScenario.Build(items: 10000, failed: 51, aborted: 100, succeeded: 4000);
            run.ListPageSize = 40;
            var endpoint = Serve(run);

            var result = Run("Get-SfnFailurePoint $parent -MapRunChildren");

            Assert.Empty(result.Errors);
            Assert.Equal(151, result.Output.Count);
            var points = result.Output.Select(o => (FailurePoint)o.BaseObject).ToList();
            Assert.All(points, p =>
            {
                Assert.Equal(FailedMapRunScenario.ParentArn, p.ParentExecutionArn);
                Assert.Equal(FailedMapRunScenario.MapRunArn, p.ParentMapRunArn);
            });

            // Failed at their second state, with the input that state was given; aborted in their first, with the item.
            var failed = points.Where(p => p.Status == "FAILED").ToList();
            Assert.Equal(51, failed.Count);
            Assert.All(failed, p =>
            {
                var item = int.Parse(p.ExecutionName.Substring(1), System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal("Charge card", p.FailedState);
                Assert.Equal("Charge card", p.ResumeState);
                Assert.Equal("Payment.Declined", p.Error);
                Assert.Equal(Canonical(FailedMapRunScenario.Fetched(item)), Canonical(p.ResumeInput!));
            });
            var aborted = points.Where(p => p.Status == "ABORTED").ToList();
            Assert.Equal(100, aborted.Count);
            Assert.All(aborted, p =>
            {
                var item = int.Parse(p.ExecutionName.Substring(1), System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal("Fetch order", p.FailedState);
                Assert.Equal(Canonical(FailedMapRunScenario.Item(item)), Canonical(p.ResumeInput!));
            });
            // What Group-Object FailedState, Error shows: how many failed the same way.
            Assert.Equal(new[] { "Charge card|Payment.Declined x 51", "Fetch order| x 100" },
                points.GroupBy(p => $"{p.FailedState}|{p.Error}").Select(g => $"{g.Key} x {g.Count()}").OrderBy(g => g));
            Assert.Equal(Enumerable.Range(0, 151).Select(i => FailedMapRunScenario.ChildArn(i)).OrderBy(a => a), points.Select(p => p.ExecutionArn!).OrderBy(a => a));

            // Only the unsuccessful children were listed, a page of 40 at a time, and only their histories read:
            // one GetExecutionHistory each, plus the parent's; the children's definition once for all.
            var listings = endpoint.Requests.Where(r => r.Operation == "ListExecutions").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
            Assert.All(listings, l => Assert.Equal(FailedMapRunScenario.MapRunArn, l.GetProperty("mapRunArn").GetString()));
            Assert.Equal(new[] { "FAILED", "FAILED", "ABORTED", "ABORTED", "ABORTED" }, listings.Select(l => l.GetProperty("statusFilter").GetString()));
            var historiesRead = endpoint.Requests.Where(r => r.Operation == "GetExecutionHistory").Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("executionArn").GetString()).ToList();
            Assert.Equal(152, historiesRead.Count);
            Assert.DoesNotContain(historiesRead, arn => Enumerable.Range(151, 4000).Any(i => FailedMapRunScenario.ChildArn(i) == arn));
            Assert.Equal(2, endpoint.Count("DescribeStateMachineForExecution"));
            Assert.Equal(1, endpoint.Count("DescribeMapRun"));

            var progress = result.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).Select(p => p.StatusDescription).ToList();
            Assert.Equal(Enumerable.Range(1, 151).Select(n => $"{n} of 151 children read"), progress);
        }

        [Fact]
        public void The_parent_failure_point_shows_the_map_runs_counts_and_why_it_failed_without_listing_children()
        {
            var endpoint = Serve(FailedMapRunScenario.Build(items: 10000, failed: 51, aborted: 100, succeeded: 4000));

            var result = Run("Get-SfnFailurePoint $parent");

            Assert.Empty(result.Errors);
            var point = (FailurePoint)Assert.Single(result.Output).BaseObject;
            Assert.Equal("ProcessOrders", point.FailedState);
            Assert.Equal(FailedMapRunScenario.MapRunArn, point.MapRunArn);
            var run = point.MapRun!;
            Assert.Equal("ProcessOrders", run.Label);
            Assert.Equal("FAILED", run.Status);
            Assert.Equal(FailedMapRunScenario.Error, run.Error);
            Assert.Equal(FailedMapRunScenario.Cause, run.Cause);
            Assert.Equal(50, run.ToleratedFailureCount);
            Assert.Equal(100, run.MaxConcurrency);
            Assert.Equal(new long[] { 10000, 4000, 51, 100, 5849 }, new[] { run.ItemCounts!.Total, run.ItemCounts.Succeeded, run.ItemCounts.Failed, run.ItemCounts.Aborted, run.ItemCounts.Pending });
            Assert.Equal(151, run.UnsuccessfulExecutions);
            Assert.Equal(6000, run.ItemsToRunAgain);
            Assert.Equal("FAILED: 4,000 of 10,000 items succeeded, 51 failed, 100 aborted, 5,849 never started; 50 failures tolerated", run.ToString());
            Assert.Equal(0, endpoint.Count("ListExecutions"));
        }

        [Fact]
        public void A_map_run_that_cannot_be_described_is_a_warning_and_a_note_and_the_failure_point_still_comes()
        {
            var run = FailedMapRunScenario.Build(items: 10, failed: 1, aborted: 0, succeeded: 9);
            run.DescribeRefusal = "User is not authorized to perform: states:DescribeMapRun";
            Serve(run);

            var result = Run("Get-SfnFailurePoint $parent");

            Assert.Empty(result.Errors);
            var point = (FailurePoint)Assert.Single(result.Output).BaseObject;
            Assert.False(point.MapRun!.Described);
            Assert.Equal(FailedMapRunScenario.Error, point.MapRun.Error);
            Assert.Contains(point.Notes, n => n.Contains("AccessDeniedException") && n.Contains("states:DescribeMapRun"));
            Assert.Contains(result.Warnings, w => w.Contains("could not be described"));
        }

        [Fact]
        public void Express_children_of_a_parent_that_does_not_log_give_their_item_error_and_cause_from_DescribeExecution_and_say_why_their_state_is_unknown()
        {
            var endpoint = Serve(FailedMapRunScenario.Build(items: 5, failed: 0, aborted: 0, succeeded: 3, expressFailed: 2));

            var result = Run("Get-SfnFailurePoint $parent -MapRunChildren");

            Assert.Empty(result.Errors);
            Assert.Equal(2, result.Output.Count);
            Assert.All(result.Output.Select(o => (FailurePoint)o.BaseObject), p =>
            {
                var item = int.Parse(p.ExecutionName.Substring(1), System.Globalization.CultureInfo.InvariantCulture);
                Assert.Null(p.FailedState);
                Assert.False(p.InputKnown);
                Assert.Equal(FailedMapRunScenario.Item(item), p.ExecutionInput);
                Assert.Equal("Payment.Declined", p.Error);
                Assert.Equal("card declined", p.CauseDetails!["errorMessage"]);
                Assert.Equal(FailedMapRunScenario.ParentArn, p.ParentExecutionArn);
                Assert.Contains(p.Notes, n => n.Contains("Express") && n.Contains("no history"));

                // The parent logs nowhere here: the records that would give the failed state were not there to read.
                Assert.Equal(SfnResume.Express.ExpressLogsException.LoggingOff, p.LogsProblem);
            });
            Assert.Contains("(ExpressLoggingOff)", Assert.Single(result.Warnings), StringComparison.Ordinal);
            Assert.Equal(0, endpoint.Count("FilterLogEvents"));
            Assert.Equal(2, endpoint.Count("DescribeExecution") - 1);
            Assert.Equal(1, endpoint.Count("GetExecutionHistory"));
        }

        [Fact]
        public void An_execution_that_did_not_fail_in_a_distributed_map_is_refused_under_MapRunChildren()
        {
            var run = FailedMapRunScenario.Build(items: 1, failed: 0, aborted: 0, succeeded: 1);
            const string Plain = "arn:aws:states:us-east-1:123456789012:execution:Plain:run-1";
            run.Histories.Add(Plain, HistoryServer.SimpleHistory(6));
            Serve(run);

            var result = session.Run("Get-SfnFailurePoint $arn -MapRunChildren -EndpointUrl $endpoint -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey secret",
                new Dictionary<string, object?> { ["endpoint"] = endpoint!.Url, ["arn"] = Plain });

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.Equal("NotInDistributedMap,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.Equal(Plain, error.TargetObject);
            Assert.Contains("without -MapRunChildren", error.ErrorDetails?.RecommendedAction ?? error.ToString());
        }

        [Fact]
        public void Stop_ends_the_drill_down_while_children_are_read_and_no_further_child_is_asked_for()
        {
            var run = FailedMapRunScenario.Build(items: 1000, failed: 200, aborted: 0, succeeded: 800);
            run.HoldHistoryAfter = 21;
            var endpoint = Serve(run);
            using var shell = session.CreateShell();
            shell.AddScript("Get-SfnFailurePoint $parent -MapRunChildren -EndpointUrl $endpoint -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey secret");
            session.Run("$null", new Dictionary<string, object?> { ["endpoint"] = endpoint.Url, ["parent"] = FailedMapRunScenario.ParentArn });
            var output = new PSDataCollection<PSObject>();
            shell.BeginInvoke<PSObject, PSObject>(null, output);

            // The 22nd history request is held at the loopback: the drill-down is in the middle of the children.
            Assert.True(run.Holding.Wait(TimeSpan.FromSeconds(30)), "no history request was held");
            shell.Stop();
            run.Release();

            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.True(output.Count < 200, "every child was read before Stop: the test stopped nothing");

            // At most eight children are read at once, and none is started while the oldest waits: the parent's
            // and 20 children's answers, and no more than eight held.
            Assert.InRange(endpoint.Count("GetExecutionHistory"), 22, 29);
        }
    }
}
