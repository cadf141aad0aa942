using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SfnResume.Express;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Express
{
    /// <summary>
    /// Find-SfnExpressExecution against a loopback that plays an Express machine and a busy log group: succeeded runs,
    /// failed, timed-out and aborted ones inside and outside the window, and another machine's runs in the same group.
    /// </summary>
    public sealed class FindExpressExecutionTests : IDisposable
    {
        private const long Noon = 1_750_000_000_000;
        private static readonly DateTime Since = DateTimeOffset.FromUnixTimeMilliseconds(Noon).UtcDateTime;
        private static readonly DateTime Until = Since.AddHours(1);

        private readonly ExpressLogServer server = new ExpressLogServer { Definition = ExpressRunRecords.Definition, PageSize = 3 };
        private readonly LoopbackEndpoint endpoint;
        private readonly PowerShellSession session = new PowerShellSession();
        private readonly List<string> expected = new List<string>();

        public FindExpressExecutionTests()
        {
            var minute = 60_000L;
            for (var i = 0; i < 40; i++)
            {
                var ending = i % 10 == 3 ? "FAILED" : i % 10 == 6 ? "TIMED_OUT" : i == 9 ? "ABORTED" : "SUCCEEDED";
                var arn = ExpressLogServer.ExecutionArn("run-" + i);
                server.Add(ExpressRunRecords.Of(arn, Noon + (i * minute), ending));
                if (ending != "SUCCEEDED")
                {
                    expected.Add(arn);
                }
            }

            // Outside the window, before and after it; and a failed run of another machine logging to the same group.
            server.Add(ExpressRunRecords.Of(ExpressLogServer.ExecutionArn("yesterday"), Noon - (24 * 60 * minute), "FAILED"));
            server.Add(ExpressRunRecords.Of(ExpressLogServer.ExecutionArn("later"), Noon + (61 * minute), "FAILED"));
            server.Add(ExpressRunRecords.Of("arn:aws:states:us-east-1:123456789012:express:OrdersV2:other:0f5c7a4e-1111-2222-3333-444455556666", Noon + minute, "FAILED"));
            endpoint = new LoopbackEndpoint(server.Handle);
        }

        public void Dispose()
        {
            session.Dispose();
            endpoint.Dispose();
        }

        private PowerShellResult Run(string script) => session.Run(
            "foreach ($c in 'Find-SfnExpressExecution', 'Get-SfnFailurePoint') { $PSDefaultParameterValues[\"${c}:EndpointUrl\"] = $endpoint; $PSDefaultParameterValues[\"${c}:Region\"] = 'us-east-1'; "
            + "$PSDefaultParameterValues[\"${c}:AccessKey\"] = 'AKIDEXAMPLE'; $PSDefaultParameterValues[\"${c}:SecretKey\"] = 'secret' }\n" + script,
            new Dictionary<string, object?> { ["endpoint"] = endpoint.Url, ["arn"] = ExpressLogServer.MachineArn, ["since"] = Since, ["until"] = Until });

        [Theory]
        [InlineData("FilterLogEvents")]
        [InlineData("LogsInsights")]
        public void Finds_the_failed_timed_out_and_aborted_runs_of_the_machine_in_the_window_and_nothing_else(string search)
        {
            var result = Run($"Find-SfnExpressExecution $arn -Since $since -Until $until -Search {search}");

            Assert.Empty(result.Errors);
            var items = result.Output.Select(o => (ExpressExecutionItem)o.BaseObject).ToList();
            Assert.Equal(expected, items.Select(i => i.ExecutionArn));
            var failed = items.First(i => i.Name == "run-3");
            Assert.Equal(("FAILED", "PaymentDeclined", ExpressLogServer.MachineArn, ExpressLogServer.LogGroup), (failed.Status, failed.Error, failed.StateMachineArn, failed.LogGroupName));
            Assert.Equal(Since.AddMinutes(3).AddMilliseconds(6 * 7), failed.StopDate);
            Assert.Equal(new[] { "TIMED_OUT", "ABORTED" }, items.Where(i => i.Name is "run-6" or "run-9").Select(i => i.Status));

            // Never a per-execution read: the end records only, by the service's own match.
            Assert.Equal(0, endpoint.Count("GetExecutionHistory") + endpoint.Count("ListExecutions") + endpoint.Count("DescribeExecution"));
            if (search == "FilterLogEvents")
            {
                var filters = endpoint.Requests.Where(r => r.Operation == "FilterLogEvents").ToList();
                Assert.Equal((int)Math.Ceiling(expected.Count / 3.0), filters.Count);
                Assert.All(filters, r => Assert.Contains("ExecutionTimedOut", r.Body));
                Assert.All(filters, r => Assert.Contains(":express:Orders:*", r.Body));
                Assert.All(filters, r => Assert.Contains("\"startTime\":" + Noon, r.Body));
            }
            else
            {
                Assert.Equal((1, 2), (endpoint.Count("StartQuery"), endpoint.Count("GetQueryResults")));
                Assert.Equal(0, endpoint.Count("FilterLogEvents"));
            }
        }

        [Fact]
        public void Status_narrows_the_pattern_and_the_items_pipe_into_Get_SfnFailurePoint()
        {
            var result = Run("Find-SfnExpressExecution $arn -Since $since -Until $until -Status FAILED | Get-SfnFailurePoint");

            Assert.Empty(result.Errors);
            var points = result.Output.Select(o => (FailurePoint)o.BaseObject).ToList();
            Assert.Equal(expected.Where(a => a.Contains(":run-3:") || a.Contains(":run-13:") || a.Contains(":run-23:") || a.Contains(":run-33:")), points.Select(p => p.ExecutionArn));
            Assert.All(points, p => Assert.Equal(("Charge", ExpressRunRecords.Input), (p.ResumeState, p.ResumeInput)));
            Assert.DoesNotContain(endpoint.Requests, r => r.Operation == "FilterLogEvents" && r.Body.Contains("ExecutionTimedOut"));

            // The state machine is described once by the search and once for the four failure points; each
            // execution's records are looked for in the six minutes before it stopped (the item's StopDate), not
            // through the whole log group.
            Assert.Equal(2, endpoint.Count("DescribeStateMachine"));
            var reads = endpoint.Requests.Where(r => r.Operation == "FilterLogEvents" && r.Body.Contains("$.execution_arn = ", StringComparison.Ordinal) && !r.Body.Contains(":*", StringComparison.Ordinal)).Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
            Assert.Equal(4, reads.Select(r => r.GetProperty("filterPattern").GetString()).Distinct().Count());
            Assert.All(reads, r =>
            {
                var pattern = r.GetProperty("filterPattern").GetString()!;
                var point = points.Single(p => pattern.Contains(p.ExecutionArn!, StringComparison.Ordinal));
                var stopped = new DateTimeOffset(DateTime.SpecifyKind(point.FailedAt, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
                Assert.True(r.TryGetProperty("startTime", out var start), r.GetRawText());
                Assert.True(r.TryGetProperty("endTime", out var end), r.GetRawText());
                Assert.InRange(stopped - start.GetInt64(), 5 * 60_000, 7 * 60_000);
                Assert.InRange(end.GetInt64() - stopped, 0, 2 * 60_000);
            });
        }

        [Fact]
        public void Empty_pages_with_a_token_are_the_search_going_on_not_its_end()
        {
            server.PageSize = 10_000;
            server.ScannedPerCall = 50;

            var result = Run("Find-SfnExpressExecution $arn -Since $since -Until $until");

            Assert.Empty(result.Errors);
            Assert.Equal(expected, result.Output.Select(o => ((ExpressExecutionItem)o.BaseObject).ExecutionArn));
            Assert.True(endpoint.Count("FilterLogEvents") > 3);
        }

        [Fact]
        public void A_full_Logs_Insights_answer_is_followed_by_a_query_from_its_last_row_on()
        {
            var finder = new FailedExpressExecutionFinder((_, _) => System.Threading.Tasks.Task.CompletedTask) { RowLimit = 4 };
            using var sfn = TestClients.For(endpoint.Url);
            using var logs = TestLogsClients.For(endpoint.Url);
            var notes = new List<string>();

            var found = finder.Find(sfn, logs, ExpressLogServer.MachineArn, Since, Until, new[] { "FAILED", "TIMED_OUT", "ABORTED" }, ExpressSearchMethod.LogsInsights, notes.Add, default).ToList();

            Assert.Equal(expected, found.Select(i => i.ExecutionArn));
            Assert.Equal(3, endpoint.Count("StartQuery"));
            Assert.Contains(notes, n => n.Contains("Logs Insights scanned", StringComparison.Ordinal));
        }

        [Fact]
        public void A_query_that_waits_for_a_concurrency_slot_starts_when_one_frees()
        {
            server.OthersRunning = 30;
            var waits = 0;
            var finder = new FailedExpressExecutionFinder((_, _) =>
            {
                // The other queries end while the finder waits.
                if (++waits == 2)
                {
                    server.OthersRunning = 0;
                }

                return System.Threading.Tasks.Task.CompletedTask;
            });
            using var sfn = TestClients.For(endpoint.Url);
            using var logs = TestLogsClients.For(endpoint.Url, maxErrorRetry: 0);

            var found = finder.Find(sfn, logs, ExpressLogServer.MachineArn, Since, Until, new[] { "FAILED", "TIMED_OUT", "ABORTED" }, ExpressSearchMethod.LogsInsights, null, default).ToList();

            Assert.Equal(expected, found.Select(i => i.ExecutionArn));
            Assert.Equal(3, endpoint.Count("StartQuery"));
        }

        [Theory]
        [InlineData("STANDARD", "ALL", false, null, "ExpressStateMachineIsStandard", "InvalidArgument")]
        [InlineData("EXPRESS", "OFF", false, null, "ExpressLoggingOff", "NotEnabled")]
        [InlineData("EXPRESS", "ALL", true, null, "ExpressLogGroupNotFound", "ObjectNotFound")]
        [InlineData("EXPRESS", "ALL", false, "Timeout", "ExpressLogsQueryFailed", "OperationStopped")]
        public void What_cannot_be_searched_is_one_error_with_a_stable_id_naming_the_state_machine(string type, string level, bool deleted, string? queryEnd, string errorId, string category)
        {
            server.Type = type;
            server.Level = level;
            server.LogGroupDeleted = deleted;
            server.QueryEndsWith = queryEnd;

            var result = Run("Find-SfnExpressExecution $arn -Since $since -Until $until" + (queryEnd != null ? " -Search LogsInsights" : string.Empty));

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.Equal(errorId + ",SfnResume.PowerShell.Commands.FindSfnExpressExecutionCommand", error.FullyQualifiedErrorId);
            Assert.Equal(category, error.CategoryInfo.Category.ToString());
            Assert.Equal(ExpressLogServer.MachineArn, error.TargetObject);
            Assert.False(string.IsNullOrEmpty(error.ErrorDetails?.RecommendedAction));
        }

        [Fact]
        public void A_level_below_ALL_still_finds_them_and_says_failure_points_need_ALL()
        {
            server.Level = "ERROR";

            var result = Run("Find-SfnExpressExecution $arn -Since $since -Until $until -Verbose");

            Assert.Empty(result.Errors);
            Assert.Equal(expected.Count, result.Output.Count);
            Assert.Contains(result.Verbose, v => v.Contains("level ERROR", StringComparison.Ordinal) && v.Contains("failure points need level ALL", StringComparison.Ordinal));
        }

        [Fact]
        public void An_empty_window_is_refused_before_any_request()
        {
            var result = Run("Find-SfnExpressExecution $arn -Since $until -Until $since");

            var error = Assert.Single(result.Errors);
            Assert.Equal("EmptyTimeWindow,SfnResume.PowerShell.Commands.FindSfnExpressExecutionCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ExpressLogServer.MachineArn, error.TargetObject);
            Assert.Empty(endpoint.Requests);
        }

        [Fact]
        public void An_execution_ARN_is_refused_with_its_state_machine_to_search_instead()
        {
            var execution = ExpressLogServer.MachineArn.Replace(":stateMachine:", ":express:", StringComparison.Ordinal) + ":nightly:0c7e9a55-5b1d-4f0e-9f3a-2d8c1e6b7a90";

            var result = Run($"Find-SfnExpressExecution '{execution}' -Since $since -Until $until");

            var error = Assert.Single(result.Errors);
            Assert.Equal("InvalidStateMachineArn,SfnResume.PowerShell.Commands.FindSfnExpressExecutionCommand", error.FullyQualifiedErrorId);
            Assert.Equal(execution, error.TargetObject);
            Assert.Contains("is an execution's ARN, not a state machine's", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains($"Find-SfnExpressExecution '{ExpressLogServer.MachineArn}'", error.ErrorDetails!.RecommendedAction, StringComparison.Ordinal);
            Assert.Empty(endpoint.Requests);
        }
    }
}
