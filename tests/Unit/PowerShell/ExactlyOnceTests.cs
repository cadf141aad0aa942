using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using SfnResume.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// Runbooks retry: the same command run again (after a crash, with a stale or a fresh list) resumes every
    /// execution once. Native redrives carry client tokens; GoTo runs are named from the failed execution and
    /// the attempt, which AWS recognises (the loopback endpoint keeps StartExecution's documented idempotency).
    /// </summary>
    public sealed class ExactlyOnceTests : IDisposable
    {
        private static readonly DateTime Now = DateTime.UtcNow;

        private const string Shop = @"{ ""StartAt"": ""Prepare"", ""States"": {
            ""Prepare"": { ""Type"": ""Pass"", ""Next"": ""Charge"" },
            ""Charge"": { ""Type"": ""Task"", ""Resource"": ""arn:aws:states:::lambda:invoke"", ""Next"": ""Ship"" },
            ""Ship"": { ""Type"": ""Task"", ""Resource"": ""arn:aws:states:::lambda:invoke"", ""Next"": ""Done"" },
            ""Done"": { ""Type"": ""Succeed"" } } }";

        private readonly ITestOutputHelper output;
        private readonly RedriveServer server = new RedriveServer();
        private readonly PowerShellSession session = new PowerShellSession();

        public ExactlyOnceTests(ITestOutputHelper output)
        {
            this.output = output;
            server.AddMachine("Orders", OrdersMachine.Definition, Now.AddDays(-400));
        }

        public void Dispose() => session.Dispose();

        private const string Connection = "-EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret";

        private static string NameOf(string arn) => arn.Split(':')[7];

        /// <summary>GoTo runs started for a failed execution: runs on the copy whose name begins with its name.</summary>
        private int StartsFor(string arn) => server.Started.Count(s => NameOf(s.Arn).StartsWith(NameOf(arn) + "-", StringComparison.Ordinal));

        private int ResumesOf(string arn) => (server.Redrives.TryGetValue(arn, out var n) ? n : 0) + StartsFor(arn);

        private static string Status(PSObject item) => (string)item.Properties["Status"].Value;

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_bulk_run_stopped_part_way_and_run_again_resumes_every_execution_exactly_once(bool tokensExpired)
        {
            // Six executions redrive natively (closed yesterday), six take the GoTo path (closed a month ago); piped
            // as Get-SFNExecutionList's items, and the same stale list again in the second run.
            var native = "abcdef".Select(c => server.AddExecution("Orders", $"new-{c}", Now.AddDays(-1).AddHours(-1), Now.AddDays(-1), OrdersMachine.FailedAtCharge())).ToArray();
            var goTo = "abcdef".Select(c => server.AddExecution("Orders", $"old-{c}", Now.AddDays(-31), Now.AddDays(-30), OrdersMachine.FailedAtCharge(), redriveStatus: null)).ToArray();
            var all = native.Zip(goTo, (n, g) => new[] { n, g }).SelectMany(p => p).ToArray();
            var items = all.Select(arn =>
            {
                var old = goTo.Contains(arn);
                var item = new PSObject();
                item.Properties.Add(new PSNoteProperty("ExecutionArn", arn));
                item.Properties.Add(new PSNoteProperty("Status", "FAILED"));
                item.Properties.Add(new PSNoteProperty("StartDate", old ? Now.AddDays(-31) : Now.AddDays(-1).AddHours(-1)));
                item.Properties.Add(new PSNoteProperty("StopDate", old ? Now.AddDays(-30) : Now.AddDays(-1)));
                item.Properties.Add(new PSNoteProperty("RedriveCount", 0));
                return item;
            }).ToArray();

            // Once two redrives and two starts went through, every later change is held: the run is stopped with
            // them in flight, and they reach AWS after the client has gone (answers lost, as in a crash).
            // A change sent after the crash never reaches AWS: one still on its way when the first run is over is
            // refused here, so that what the first run changed is known once the held ones are let through.
            var gate = new ManualResetEventSlim();
            var held = new ManualResetEventSlim();
            int redrives = 0, starts = 0, inFlight = 0, firstRunOver = 0, secondRun = 0;
            using var endpoint = new LoopbackEndpoint(r =>
            {
                var change = r.Operation == "RedriveExecution" || r.Operation == "StartExecution";
                if (!change)
                {
                    return server.Handle(r);
                }

                // Counted before anything is decided, so the wait for the first run's changes cannot miss one.
                Interlocked.Increment(ref inFlight);
                try
                {
                    if (Volatile.Read(ref firstRunOver) == 1 && Volatile.Read(ref secondRun) == 0)
                    {
                        return LoopbackResponse.Error("ServiceUnavailable", "The client that sent this is gone.");
                    }

                    if (!gate.IsSet && Volatile.Read(ref redrives) >= 2 && Volatile.Read(ref starts) >= 2)
                    {
                        held.Set();
                        gate.Wait(TimeSpan.FromSeconds(60));
                        return server.Handle(r);
                    }

                    var answer = server.Handle(r);
                    if (r.Operation == "RedriveExecution" && answer.StatusCode == 200)
                    {
                        Interlocked.Increment(ref redrives);
                    }
                    else if (r.Operation == "StartExecution" && answer.StatusCode == 200)
                    {
                        Interlocked.Increment(ref starts);
                    }

                    return answer;
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            });
            var script = $"$items | Invoke-SfnRedrive -Method Auto -Force -ThrottleLimit 2 {Connection}";
            var variables = new Dictionary<string, object?> { ["items"] = items, ["endpoint"] = endpoint.Url };

            using (var shell = session.CreateShell())
            {
                session.Run("$null", variables);
                shell.AddScript(script);
                var running = shell.BeginInvoke();
                Assert.True(held.Wait(TimeSpan.FromSeconds(60)), "no change was held: the first run was never stopped part way");
                shell.Stop();
                Assert.True(running.IsCompleted);
            }

            Volatile.Write(ref firstRunOver, 1);
            gate.Set();
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref inFlight) == 0, TimeSpan.FromSeconds(30)), "the held changes never ended");
            var firstRun = all.Where(a => ResumesOf(a) > 0).ToList();
            output.WriteLine($"first run resumed {firstRun.Count} of {all.Length}: {string.Join(", ", firstRun.Select(NameOf))}");
            Assert.All(all, a => Assert.InRange(ResumesOf(a), 0, 1));
            Assert.InRange(firstRun.Count, 4, all.Length - 1);
            Assert.Contains(firstRun, native.Contains);
            Assert.Contains(firstRun, goTo.Contains);
            if (tokensExpired)
            {
                server.ForgetTokens();
            }

            Volatile.Write(ref secondRun, 1);
            var second = session.Run(script, variables);

            Assert.Empty(second.Errors);
            Assert.All(all, a => Assert.Equal(1, ResumesOf(a)));
            Assert.Equal(all.OrderBy(a => a), second.Output.Select(o => (string)o.Properties["ExecutionArn"].Value).OrderBy(a => a));
            foreach (var result in second.Output)
            {
                var arn = (string)result.Properties["ExecutionArn"].Value;
                var expected = !firstRun.Contains(arn) ? "Started"
                    : goTo.Contains(arn) || tokensExpired ? "AlreadyResumed"
                    : "Started"; // within AWS's 15-minute window the token's repeat answers as the first redrive did
                Assert.True(expected == Status(result), $"{NameOf(arn)}: {Status(result)}, expected {expected}");
                if (Status(result) == "AlreadyResumed")
                {
                    Assert.NotNull(result.Properties["ResumedExecutionArn"].Value);
                    Assert.Equal("RUNNING", result.Properties["ResumedStatus"].Value);
                }
            }
        }

        [Fact]
        public void A_resumed_run_that_failed_again_is_resumed_from_its_own_failure_point_as_the_next_attempt()
        {
            server.AddMachine("Shop", Shop, Now.AddDays(-400));
            var history = new HistoryBuilder();
            var prepared = history.Pass("Prepare", "{\"order\":7}", history.Started("{\"order\":7}"));
            history.Failed(history.FailingTask("Charge", "{\"order\":7}", prepared, "Lambda.ServiceException"), "Lambda.ServiceException", "boom");
            var arn = server.AddExecution("Shop", "order-7", Now.AddDays(-31), Now.AddDays(-30), history.Events, redriveStatus: null);

            // The first resume gets past Charge and fails at Ship, with what Charge produced.
            var again = new HistoryBuilder();
            var charged = again.Task("Charge", "{\"order\":7}", "{\"order\":7,\"charged\":true}", 0);
            again.Failed(again.FailingTask("Ship", "{\"order\":7,\"charged\":true}", charged, "Lambda.ServiceException"), "Lambda.ServiceException", "no truck");
            server.GoToRun = name => name.Contains("-r1-", StringComparison.Ordinal) ? ("FAILED", again.Events) : null;
            using var endpoint = new LoopbackEndpoint(server.Handle);
            var variables = new Dictionary<string, object?> { ["arn"] = arn, ["endpoint"] = endpoint.Url };

            var first = session.Run($"Invoke-SfnRedrive $arn -Force -Wait -PollIntervalSeconds 1 {Connection}", variables);
            var second = session.Run($"Invoke-SfnRedrive $arn -Force {Connection}", variables);
            var plan = session.Run($"Test-SfnRedrive $arn {Connection}", variables);
            var third = session.Run($"Invoke-SfnRedrive $arn -Force {Connection}", variables);

            Assert.Empty(first.Errors.Concat(second.Errors).Concat(plan.Errors).Concat(third.Errors));
            Assert.Equal("FAILED", Status(Assert.Single(first.Output)));
            Assert.Equal(2, server.Started.Count);
            var names = server.Started.Select(s => NameOf(s.Arn)).ToList();
            Assert.Matches("^order-7-r1-[0-9a-f]{8}$", names[0]);
            Assert.Equal(names[0].Replace("-r1-", "-r2-", StringComparison.Ordinal), names[1]);

            var resumed = Assert.Single(second.Output);
            Assert.Equal("Started", Status(resumed));
            Assert.Equal(2, resumed.Properties["Attempt"].Value);
            Assert.Equal("Ship", resumed.Properties["ResumeState"].Value);
            var resuming = JsonDocument.Parse(server.Started[1].Input).RootElement.GetProperty("resuming");
            Assert.Equal("Ship", resuming.GetProperty("state").GetString());
            Assert.Equal("{\"order\":7,\"charged\":true}", resuming.GetProperty("input").GetRawText());

            // The second attempt runs: the plan and a third run say so, and start nothing.
            foreach (var said in new[] { Assert.Single(plan.Output), Assert.Single(third.Output) })
            {
                Assert.Equal("AlreadyResumed", Status(said));
                Assert.Equal(server.Started[1].Arn, said.Properties["ResumedExecutionArn"].Value);
                Assert.Equal(2, said.Properties["Attempt"].Value);
            }

            Assert.Equal(2, server.Started.Count);
        }

        [Fact]
        public void The_same_GoTo_object_piped_into_Start_SfnGoToExecution_twice_and_a_retried_pipeline_start_one_run()
        {
            var arn = server.AddExecution("Orders", "run-42", Now.AddDays(-31), Now.AddDays(-30), OrdersMachine.FailedAtCharge(), redriveStatus: null);
            using var endpoint = new LoopbackEndpoint(server.Handle);
            server.RunningPolls = 0;
            var variables = new Dictionary<string, object?> { ["arn"] = arn, ["endpoint"] = endpoint.Url };

            var result = session.Run(@$"
                $goto = Get-SfnFailurePoint $arn {Connection} | New-SfnGoToStateMachine {Connection}
                $goto | Start-SfnGoToExecution {Connection}
                $goto | Start-SfnGoToExecution {Connection}
                Get-SfnFailurePoint $arn {Connection} | New-SfnGoToStateMachine {Connection} | Start-SfnGoToExecution {Connection}", variables);

            Assert.Empty(result.Errors);
            var run = Assert.Single(server.Started);
            Assert.Equal(3, result.Output.Count);
            Assert.All(result.Output, o => Assert.Equal(run.Arn, o.Properties["ExecutionArn"].Value));
            Assert.Equal(true, result.Output[2].Properties["AlreadyStarted"]?.Value);
            Assert.Contains(result.Warnings, w => w.Contains("already resumed", StringComparison.Ordinal));
        }

        [Fact]
        public void Long_and_unusual_execution_names_give_resume_names_of_at_most_80_safe_characters_that_stay_the_same()
        {
            var longA = server.AddExecution("Orders", new string('a', 80), Now.AddDays(-31), Now.AddDays(-30), OrdersMachine.FailedAtCharge(), redriveStatus: null);
            var longB = server.AddExecution("Orders", new string('a', 79) + "b", Now.AddDays(-31), Now.AddDays(-30), OrdersMachine.FailedAtCharge(), redriveStatus: null);
            var odd = server.AddExecution("Orders", "bestellung.ü+1@x=y", Now.AddDays(-31), Now.AddDays(-30), OrdersMachine.FailedAtCharge(), redriveStatus: null);
            using var endpoint = new LoopbackEndpoint(server.Handle);
            var variables = new Dictionary<string, object?> { ["arns"] = new[] { longA, longB, odd }, ["endpoint"] = endpoint.Url, ["odd"] = odd };

            var first = session.Run($"$arns | Invoke-SfnRedrive -Force {Connection}", variables);
            var names = server.Started.Select(s => NameOf(s.Arn)).ToList();
            var again = session.Run($"$arns | Invoke-SfnRedrive -Force {Connection}; (Get-SfnFailurePoint $odd {Connection} | New-SfnGoToStateMachine {Connection} -WarningAction SilentlyContinue).Name", variables);

            Assert.Empty(first.Errors.Concat(again.Errors));
            Assert.Equal(3, names.Count);
            Assert.All(names, n => Assert.Matches("^[0-9A-Za-z_-]{1,80}$", n));
            Assert.Equal(3, names.Distinct().Count());
            Assert.Contains(names, n => n.StartsWith("bestellung___1_x_y-r1-", StringComparison.Ordinal));
            Assert.Equal(3, server.Started.Count);
            Assert.Equal(3, again.Output.Count(o => o.BaseObject is not string && Status(o) == "AlreadyResumed"));
            Assert.Equal(names.Single(n => n.StartsWith("bestellung", StringComparison.Ordinal)), again.Output.Last().BaseObject);
        }

        [Fact]
        public void An_execution_name_AWS_would_refuse_is_an_error_before_any_request()
        {
            using var endpoint = new LoopbackEndpoint(server.Handle);

            var result = session.Run($"Start-SfnGoToExecution -StateMachineArn $machine -Name 'resume #1' {Connection}",
                new Dictionary<string, object?> { ["machine"] = RedriveServer.MachineArn("Orders"), ["endpoint"] = endpoint.Url });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("InvalidExecutionName,", error.FullyQualifiedErrorId);
            Assert.Empty(endpoint.Requests);
        }
    }
}
