using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using SfnResume.Redrive;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Express
{
    /// <summary>
    /// Invoke-SfnRedrive and Test-SfnRedrive on failed Express executions, against a Step Functions loopback with an
    /// Express state machine and a loopback of the log group it (and its GoTo copy) logs to. A run started on the
    /// Express copy is written to the log group as Step Functions would log it, and kept nowhere else.
    /// </summary>
    public sealed class ExpressResumeTests : IDisposable
    {
        private const string LogGroup = "/aws/vendedlogs/states/Receipts";
        private const string Connection = "-EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret";
        private static readonly DateTime HourAgo = DateTime.UtcNow.AddHours(-1);

        private readonly RedriveServer server = new RedriveServer();
        private readonly ExpressLogServer logs = new ExpressLogServer { LogGroupName = LogGroup, PageSize = 100, QueryLooksBeforeComplete = 0 };
        private readonly LoopbackEndpoint endpoint;
        private readonly PowerShellSession session = new PowerShellSession();
        private readonly List<string> failed = new List<string>();

        public ExpressResumeTests()
        {
            endpoint = new LoopbackEndpoint(r =>
            {
                if (CloudWatchLogsAuthorization.IsLogs(r))
                {
                    return logs.Handle(r);
                }

                var answer = server.Handle(r);
                return r.Operation == "StartExecution" && LoseStartAnswers ? new LoopbackResponse(503, "{\"__type\":\"ServiceUnavailable\",\"message\":\"connection reset\"}") : answer;
            });
        }

        /// <summary>StartExecution starts the run, but its answer is lost (a 503 comes back instead).</summary>
        private bool LoseStartAnswers { get; set; }

        public void Dispose()
        {
            session.Dispose();
            endpoint.Dispose();
        }

        /// <summary>How the copy's runs end, by run: null leaves one running (its start logged, no end yet).</summary>
        private Func<string, string?> RunEnds { get; set; } = _ => "SUCCEEDED";

        private static string Arn(string name) => $"{RedriveServer.Account}:express:Receipts:{name}:6c1f0e2a-5b7d-4c3e-9a8f-2d4b6e8f0a1c";

        /// <summary>Receipts (Express, logging as given) with three failed runs among succeeded ones in the last hour.</summary>
        private void Arrange(string level = "ALL", bool includeExecutionData = true)
        {
            server.AddMachine("Receipts", ExpressRunRecords.Definition, DateTime.UtcNow.AddDays(-400), type: "EXPRESS", settings: new Dictionary<string, object?>
            {
                ["loggingConfiguration"] = new Dictionary<string, object?>
                {
                    ["level"] = level,
                    ["includeExecutionData"] = includeExecutionData,
                    ["destinations"] = new[] { new Dictionary<string, object?> { ["cloudWatchLogsLogGroup"] = new Dictionary<string, object?> { ["logGroupArn"] = "arn:aws:logs:eu-west-1:123456789012:log-group:" + LogGroup + ":*" } } },
                },
            });
            var start = new DateTimeOffset(HourAgo).ToUnixTimeMilliseconds();
            for (var i = 0; i < 6; i++)
            {
                var ending = i % 2 == 1 ? "FAILED" : "SUCCEEDED";
                var records = ExpressRunRecords.Of(Arn("receipt-" + i), start + (i * 60_000L), ending);
                if (!includeExecutionData)
                {
                    foreach (var record in records)
                    {
                        var details = record["details"]!.AsObject();
                        foreach (var payload in new[] { "input", "output" })
                        {
                            details.Remove(payload);
                            details.Remove(payload + "Details");
                        }
                    }
                }

                logs.Add(records);
                if (ending == "FAILED")
                {
                    failed.Add(Arn("receipt-" + i));
                }
            }

            // Step Functions logs each run of the Express copy: its start at once, its end as RunEnds says.
            server.ExpressStarted = (arn, input, at) =>
            {
                var ending = RunEnds(arn.Split(':')[7]);
                var run = ExpressRunRecords.Of(arn, new DateTimeOffset(at).ToUnixTimeMilliseconds(), ending ?? "SUCCEEDED");
                logs.Add(ending == null ? run.Take(1) : run);
            };
        }

        private PowerShellResult Run(string script) => session.Run(script, new Dictionary<string, object?>
        {
            ["endpoint"] = endpoint.Url,
            ["arns"] = failed.ToArray(),
            ["machine"] = RedriveServer.MachineArn("Receipts"),
        });

        private static string Text(PSObject item, string property) => item.Properties[property]?.Value?.ToString() ?? string.Empty;

        private static RedriveResult Result(PSObject item) => (RedriveResult)item.BaseObject;

        private int Count(string operation) => endpoint.Count(operation);

        [Fact]
        public void Failed_Express_executions_are_resumed_on_an_Express_copy_at_the_failed_state_and_a_rerun_starts_none_again()
        {
            Arrange();

            var first = Run($"Find-SfnExpressExecution $machine {Connection} | Invoke-SfnRedrive -Force {Connection}");

            Assert.Empty(first.Errors);
            var results = first.Output.Select(Result).OrderBy(r => r.ExecutionArn, StringComparer.Ordinal).ToList();
            Assert.Equal(failed, results.Select(r => r.ExecutionArn));
            Assert.All(results, r => Assert.Equal(("GoTo", "Started", "Charge", RedriveServer.MachineArn("Receipts-goto")), (r.Method, r.Status, r.ResumeState, r.StateMachineArn)));
            Assert.All(results, r => Assert.Contains("ExpressExecution", r.ReasonCodes));

            // One run each, on the copy, at Charge with the input Charge was given; the copy is Express and logs as the original does.
            var starts = server.ExpressStarts;
            Assert.Equal(3, starts.Count);
            Assert.All(starts, s => Assert.Equal(RedriveServer.MachineArn("Receipts-goto"), s.StateMachineArn));
            Assert.All(starts, s => Assert.Equal("Charge", JsonDocument.Parse(s.Input).RootElement.GetProperty("resuming").GetProperty("state").GetString()));
            Assert.Equal(results.Select(r => r.ResumedExecutionArn).OrderBy(a => a, StringComparer.Ordinal), starts.Select(s => s.Arn).OrderBy(a => a, StringComparer.Ordinal));
            var create = JsonDocument.Parse(endpoint.Requests.Single(r => r.Operation == "CreateStateMachine").Body).RootElement;
            Assert.Equal("EXPRESS", create.GetProperty("type").GetString());
            Assert.Equal("arn:aws:logs:eu-west-1:123456789012:log-group:" + LogGroup + ":*", create.GetProperty("loggingConfiguration").GetProperty("destinations")[0].GetProperty("cloudWatchLogsLogGroup").GetProperty("logGroupArn").GetString());

            // Calls: per state machine one DescribeStateMachine and one CreateStateMachine; per execution at most one
            // FilterLogEvents for its resumes and one for its records (fewer when asks wait for a call in flight and
            // go together), and one StartExecution; the finder's one search. Nothing asks Step Functions about an
            // Express execution: it keeps none.
            Assert.Equal((1, 1, 3), (Count("DescribeStateMachine") - 1, Count("CreateStateMachine"), Count("StartExecution")));
            Assert.InRange(Count("FilterLogEvents"), 1 + 2, 1 + (3 * 2));
            Assert.Equal(0, Count("DescribeExecution") + Count("GetExecutionHistory") + Count("ListExecutions") + Count("RedriveExecution"));

            // Each search bounded by what Find-SfnExpressExecution's items say: the records of the executions within the
            // five minutes an Express run lasts at most before its end, their resumes after that; every execution read.
            var reads = endpoint.Requests.Where(r => r.Operation == "FilterLogEvents").Select(r => JsonDocument.Parse(r.Body).RootElement).Where(b => b.GetProperty("filterPattern").GetString()!.StartsWith("{ $.execution_arn = ", StringComparison.Ordinal)).ToList();
            Assert.All(failed, arn => Assert.Contains(reads, b => b.GetProperty("filterPattern").GetString()!.Contains("\"" + arn + "\"", StringComparison.Ordinal)));
            Assert.All(reads, b => Assert.InRange(b.GetProperty("endTime").GetInt64() - b.GetProperty("startTime").GetInt64(), 1, (5 * 60_000) + 2_000 + (4 * 60_000)));
            var lookups = endpoint.Requests.Where(r => r.Operation == "FilterLogEvents" && r.Body.Contains("Receipts-goto", StringComparison.Ordinal)).ToList();
            Assert.InRange(lookups.Count, 1, 3);
            Assert.All(lookups, r => Assert.True(JsonDocument.Parse(r.Body).RootElement.TryGetProperty("startTime", out _), r.Body));

            // The same command again: the resumes are in the copy's log group, so nothing starts twice.
            var second = Run($"Find-SfnExpressExecution $machine {Connection} | Invoke-SfnRedrive -Force {Connection}");

            Assert.Empty(second.Errors);
            Assert.Equal(3, server.ExpressStarts.Count);
            Assert.All(second.Output.Select(Result), r => Assert.Equal("AlreadyResumed", r.Status));
            Assert.Equal(starts.Select(s => s.Arn).OrderBy(a => a, StringComparer.Ordinal), second.Output.Select(Result).Select(r => r.ResumedExecutionArn).OrderBy(a => a, StringComparer.Ordinal));
        }

        [Fact]
        public void Inside_a_Parallel_the_resume_is_as_precise_as_from_the_same_history_offline()
        {
            // The repository's example: a Parallel whose branch failed, its records logged as Step Functions logs an Express run.
            var definitionPath = System.IO.Path.Combine(TestPaths.RepositoryRoot, "examples", "parallel.asl.json");
            var historyPath = System.IO.Path.Combine(TestPaths.RepositoryRoot, "examples", "parallel-failed.history.json");
            server.AddMachine("Receipts", System.IO.File.ReadAllText(definitionPath), DateTime.UtcNow.AddDays(-400), type: "EXPRESS", settings: new Dictionary<string, object?>
            {
                ["loggingConfiguration"] = new Dictionary<string, object?>
                {
                    ["level"] = "ALL",
                    ["includeExecutionData"] = true,
                    ["destinations"] = new[] { new Dictionary<string, object?> { ["cloudWatchLogsLogGroup"] = new Dictionary<string, object?> { ["logGroupArn"] = "arn:aws:logs:eu-west-1:123456789012:log-group:" + LogGroup + ":*" } } },
                },
            });
            logs.Add(LogRecordFixtures.RecordsOf(System.IO.File.ReadAllText(historyPath), Arn("parallel-1")));
            failed.Add(Arn("parallel-1"));

            var offline = session.Run("Get-SfnFailurePoint -Path $history -DefinitionPath $definition | New-SfnGoToStateMachine -DefinitionPath $definition -WarningAction SilentlyContinue",
                new Dictionary<string, object?> { ["history"] = historyPath, ["definition"] = definitionPath });
            var online = Run($"Invoke-SfnRedrive -ExecutionArn $arns -Force -WarningAction SilentlyContinue {Connection}");

            Assert.Empty(online.Errors);
            var expected = (SfnResume.GoToStateMachine)Assert.Single(offline.Output).BaseObject;
            var result = Result(Assert.Single(online.Output));
            Assert.Equal(("Started", "Parallel 2", "Precise"), (result.Status, result.ResumeState, result.Precision));
            Assert.Equal((expected.Precision, expected.PrecisionNote), (result.Precision, result.PrecisionNote));
            var started = JsonDocument.Parse(Assert.Single(server.ExpressStarts).Input).RootElement.GetProperty("resuming");
            Assert.Equal(JsonDocument.Parse(expected.Input).RootElement.GetProperty("resuming").ToString(), started.ToString());
        }

        [Fact]
        public void WhatIf_and_Test_SfnRedrive_change_nothing_and_show_the_plan()
        {
            Arrange();

            var whatIf = Run($"Invoke-SfnRedrive -ExecutionArn $arns -WhatIf {Connection}");
            var plan = Run($"Test-SfnRedrive -ExecutionArn $arns {Connection}");

            Assert.Empty(whatIf.Errors);
            Assert.Empty(plan.Errors);
            Assert.Equal(0, Count("StartExecution") + Count("CreateStateMachine") + Count("UpdateStateMachine"));
            Assert.Equal(failed, plan.Output.Select(Result).Select(r => r.ExecutionArn).OrderBy(a => a, StringComparer.Ordinal));
            Assert.All(plan.Output.Select(Result), r => Assert.Equal(("GoTo", "Planned", "Charge", 1), (r.Method, r.Status, r.ResumeState, r.Attempt ?? 0)));
        }

        [Fact]
        public void Wait_follows_the_resumed_runs_in_their_log_group_and_a_run_that_failed_again_is_resumed_where_it_failed()
        {
            Arrange();
            RunEnds = name => name.StartsWith("receipt-1-", StringComparison.Ordinal) ? "FAILED" : "SUCCEEDED";

            var waited = Run($"Invoke-SfnRedrive -ExecutionArn $arns -Force -Wait -PollIntervalSeconds 1 {Connection}");

            Assert.Empty(waited.Errors);
            var byName = waited.Output.Select(Result).ToDictionary(r => r.ExecutionArn.Split(':')[7]);
            Assert.Equal(("FAILED", "Charge"), (byName["receipt-1"].Status, byName["receipt-1"].FailurePoint?.ResumeState));
            Assert.Equal("SUCCEEDED", byName["receipt-3"].Status);
            Assert.Equal("SUCCEEDED", byName["receipt-5"].Status);
            Assert.Equal(0, Count("DescribeExecution") + Count("ListExecutions"));

            // Run again: the failed resume is resumed as attempt 2; the two that succeeded are left alone.
            var again = Run($"Invoke-SfnRedrive -ExecutionArn $arns -Force {Connection}");

            Assert.Empty(again.Errors);
            var second = again.Output.Select(Result).ToDictionary(r => r.ExecutionArn.Split(':')[7]);
            Assert.Equal(("Started", 2), (second["receipt-1"].Status, second["receipt-1"].Attempt ?? 0));
            Assert.Equal("AlreadyResumed", second["receipt-3"].Status);
            Assert.Equal(4, server.ExpressStarts.Count);
        }

        [Fact]
        public void A_start_whose_answer_was_lost_is_not_repeated_and_a_rerun_finds_the_run_in_the_logs()
        {
            Arrange();
            LoseStartAnswers = true;

            var lost = Run($"Invoke-SfnRedrive -ExecutionArn $arns -Force {Connection}");

            // StartExecution is not idempotent for Express workflows: one try each, the run started once, and each said to be uncertain.
            Assert.Equal(3, Count("StartExecution"));
            Assert.Equal(3, server.ExpressStarts.Count);
            Assert.Equal(3, lost.Errors.Count);
            Assert.All(lost.Errors, e => Assert.StartsWith("ExpressStartUnknown,", e.FullyQualifiedErrorId, StringComparison.Ordinal));
            Assert.All(lost.Errors, e => Assert.Contains("may have started", e.Exception.Message, StringComparison.Ordinal));

            LoseStartAnswers = false;
            var again = Run($"Invoke-SfnRedrive -ExecutionArn $arns -Force {Connection}");

            Assert.Empty(again.Errors);
            Assert.Equal(3, server.ExpressStarts.Count);
            Assert.All(again.Output.Select(Result), r => Assert.Equal("AlreadyResumed", r.Status));
        }

        [Fact]
        public void The_one_line_resume_of_an_Express_execution_starts_once_however_often_it_is_run()
        {
            Arrange();
            var line = $"Get-SfnFailurePoint $arn {Connection} | New-SfnGoToStateMachine {Connection} | Start-SfnGoToExecution {Connection}";
            var arn = new Dictionary<string, object?> { ["endpoint"] = endpoint.Url, ["arn"] = failed[0] };

            var first = session.Run(line, arn);

            Assert.Empty(first.Errors);
            var started = (SfnResume.StartedExecution)Assert.Single(first.Output).BaseObject;
            Assert.Equal((RedriveServer.MachineArn("Receipts-goto"), false), (started.StateMachineArn, started.AlreadyStarted));
            Assert.Equal(started.ExecutionArn, Assert.Single(server.ExpressStarts).Arn);
            Assert.Equal("Charge", JsonDocument.Parse(server.ExpressStarts[0].Input).RootElement.GetProperty("resuming").GetProperty("state").GetString());
            Assert.Equal("EXPRESS", JsonDocument.Parse(endpoint.Requests.Single(r => r.Operation == "CreateStateMachine").Body).RootElement.GetProperty("type").GetString());

            // Again, from another session: the copy's run is in the log group, so nothing starts and that run is returned.
            using var other = new PowerShellSession();
            var again = other.Run(line, arn);

            Assert.Empty(again.Errors);
            var found = (SfnResume.StartedExecution)Assert.Single(again.Output).BaseObject;
            Assert.Equal((started.ExecutionArn, true), (found.ExecutionArn, found.AlreadyStarted));
            Assert.Single(server.ExpressStarts);
            Assert.Contains(again.Warnings, w => w.Contains("already resumed", StringComparison.Ordinal));
            Assert.Equal(0, Count("DescribeExecution") + Count("GetExecutionHistory") + Count("DescribeStateMachineForExecution"));
        }

        [Fact]
        public void The_same_GoTo_object_of_an_Express_execution_started_twice_starts_once()
        {
            Arrange();

            var result = session.Run(
                $"$goto = Get-SfnFailurePoint $arn {Connection} | New-SfnGoToStateMachine {Connection}; $goto | Start-SfnGoToExecution {Connection}; $goto | Start-SfnGoToExecution {Connection}",
                new Dictionary<string, object?> { ["endpoint"] = endpoint.Url, ["arn"] = failed[0] });

            Assert.Empty(result.Errors);
            Assert.Single(server.ExpressStarts);
            Assert.Equal(new[] { false, true }, result.Output.Select(o => ((SfnResume.StartedExecution)o.BaseObject).AlreadyStarted));
            Assert.Equal(1, Count("StartExecution"));
        }

        [Fact]
        public void A_run_still_going_counts_as_the_resume()
        {
            Arrange();
            RunEnds = _ => null;

            Run($"Invoke-SfnRedrive -ExecutionArn $arns -Force {Connection}");
            var again = Run($"Invoke-SfnRedrive -ExecutionArn $arns -Force {Connection}");

            Assert.Equal(3, server.ExpressStarts.Count);
            Assert.All(again.Output.Select(Result), r => Assert.Equal(("AlreadyResumed", "RUNNING"), (r.Status, r.ResumedStatus)));
        }

        [Theory]
        [InlineData("OFF", true, "ExpressLoggingOff")]
        [InlineData("ERROR", true, "ExpressLogLevelTooLow")]
        [InlineData("ALL", false, "ResumeInputUnknown")]
        public void When_the_logs_cannot_give_what_a_resume_needs_nothing_starts_and_the_reason_says_why(string level, bool includeExecutionData, string code)
        {
            Arrange(level, includeExecutionData);

            var result = Run($"Invoke-SfnRedrive -ExecutionArn $arns -Force {Connection}");

            Assert.Empty(result.Errors);
            Assert.Equal(0, Count("StartExecution"));
            Assert.All(result.Output.Select(Result), r => Assert.Equal(("None", "Skipped"), (r.Method, r.Status)));
            Assert.All(result.Output.Select(Result), r => Assert.Contains(code, r.ReasonCodes));
        }

        [Fact]
        public void Redrive_alone_skips_Express_executions_saying_AWS_cannot_redrive_them()
        {
            Arrange();

            var result = Run($"Invoke-SfnRedrive -ExecutionArn $arns -Method Redrive -Force {Connection}");

            Assert.Empty(result.Errors);
            Assert.Equal(0, Count("StartExecution") + Count("RedriveExecution"));
            Assert.All(result.Output.Select(Result), r => Assert.Contains("ExpressNotRedrivable", r.ReasonCodes));
        }
    }
}
