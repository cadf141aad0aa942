using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SfnResume.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// Invoke-SfnRedrive -Canary as a runbook runs it, in a hosted engine against the loopback Step Functions:
    /// the first execution is resumed and waited for; the others follow only if it succeeded, and are
    /// otherwise reported untouched. Both ways of resuming: redrive (closed yesterday) and GoTo (closed a
    /// month ago, beyond redrive's 14 days).
    /// </summary>
    public sealed class InvokeSfnRedriveCanaryTests : IDisposable
    {
        private const string Connection = "-EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret";
        private static readonly DateTime Now = DateTime.UtcNow;

        private readonly ITestOutputHelper output;
        private readonly RedriveServer server = new RedriveServer();
        private readonly LoopbackEndpoint endpoint;
        private readonly PowerShellSession session = new PowerShellSession();

        public InvokeSfnRedriveCanaryTests(ITestOutputHelper output)
        {
            this.output = output;
            server.AddMachine("Orders", OrdersMachine.Definition, Now.AddDays(-400));
            endpoint = new LoopbackEndpoint(server.Handle);
        }

        public void Dispose()
        {
            session.Dispose();
            endpoint.Dispose();
        }

        private static string NameOf(string arn) => arn.Split(':')[7];

        private static T Property<T>(PSObject item, string name) => (T)item.Properties[name].Value;

        /// <summary>Resumes of a failed execution: its redrives, and GoTo runs started under its name.</summary>
        private int ResumesOf(string arn)
            => (server.Redrives.TryGetValue(arn, out var n) ? n : 0) + server.Started.Count(s => NameOf(s.Arn).StartsWith(NameOf(arn) + "-r", StringComparison.Ordinal));

        /// <summary>
        /// Four failed executions; the first, when <paramref name="firstFailsAgain"/>, fails at Charge again
        /// once resumed. Redrive: closed yesterday. GoTo: closed a month ago.
        /// </summary>
        private string[] FailedExecutions(string method, bool firstFailsAgain)
        {
            var goTo = method == "GoTo";
            var arns = Enumerable.Range(0, 4).Select(i =>
            {
                var again = i == 0 && firstFailsAgain && !goTo ? ("FAILED", OrdersMachine.FailsAgainAtCharge()) : ((string, IReadOnlyList<string>)?)null;
                return goTo
                    ? server.AddExecution("Orders", $"order-{i}", Now.AddDays(-31), Now.AddDays(-30), OrdersMachine.FailedAtCharge(), redriveStatus: null)
                    : server.AddExecution("Orders", $"order-{i}", Now.AddDays(-1).AddHours(-1), Now.AddDays(-1), OrdersMachine.FailedAtCharge(), afterRedrive: again);
            }).ToArray();
            if (goTo && firstFailsAgain)
            {
                server.GoToRun = name => name.StartsWith("order-0-r1-", StringComparison.Ordinal) ? ("FAILED", OrdersMachine.FailsAgainAtCharge()) : null;
            }

            return arns;
        }

        private PowerShellResult Invoke(string[] arns, string parameters)
            => session.Run($"$arns | Invoke-SfnRedrive {parameters} {Connection}", new Dictionary<string, object?> { ["arns"] = arns, ["endpoint"] = endpoint.Url });

        [Theory]
        [InlineData("Redrive")]
        [InlineData("GoTo")]
        public void A_canary_that_fails_again_resumes_nothing_else_and_each_other_execution_is_a_CanaryFailed_error(string method)
        {
            var arns = FailedExecutions(method, firstFailsAgain: true);

            var result = Invoke(arns, "-Canary 1 -Force -PollIntervalSeconds 1");

            output.WriteLine(result.EverythingVisible());
            Assert.Null(result.TerminatingError);
            Assert.Equal(1, ResumesOf(arns[0]));
            Assert.All(arns.Skip(1), a => Assert.Equal(0, ResumesOf(a)));
            Assert.All(arns.Skip(1), a => Assert.Equal("FAILED", server.StatusOf(a)));

            // The canary's result: its run's end and where it failed again.
            var canary = Assert.Single(result.Output);
            Assert.Equal(arns[0], Property<string>(canary, "ExecutionArn"));
            Assert.Equal(method, Property<string>(canary, "Method"));
            Assert.True(Property<bool>(canary, "Canary"));
            Assert.Equal("FAILED", Property<string>(canary, "Status"));
            var again = Property<FailurePoint>(canary, "FailurePoint");
            Assert.Equal(("Charge", "Lambda.TooManyRequestsException", "still broken"), (again.FailedState, again.Error, again.Cause));

            // A warning says the same, and each execution left untouched is an error a runbook can act on.
            var warning = Assert.Single(result.Warnings, w => w.Contains("Canary", StringComparison.Ordinal));
            Assert.Contains("order-0", warning, StringComparison.Ordinal);
            Assert.Contains("'Charge'", warning, StringComparison.Ordinal);
            Assert.Contains("Lambda.TooManyRequestsException: still broken", warning, StringComparison.Ordinal);
            Assert.Equal(arns.Skip(1), result.Errors.Select(e => (string)e.TargetObject).OrderBy(a => a, StringComparer.Ordinal));
            Assert.All(result.Errors, e =>
            {
                Assert.Equal("CanaryFailed,SfnResume.PowerShell.Commands.InvokeSfnRedriveCommand", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.OperationStopped, e.CategoryInfo.Category);
                Assert.Contains("the canary 'order-0'", e.ToString(), StringComparison.Ordinal);
                Assert.Contains("'Charge'", e.ToString(), StringComparison.Ordinal);
                Assert.Contains("run the same command again", e.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
            });
            Assert.Contains(result.Progress, p => p.StatusDescription.StartsWith("Canaries", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("Redrive", false)]
        [InlineData("GoTo", false)]
        [InlineData("Redrive", true)]
        [InlineData("GoTo", true)]
        public void A_canary_that_succeeds_lets_every_other_execution_be_resumed(string method, bool wait)
        {
            var arns = FailedExecutions(method, firstFailsAgain: false);
            server.RunningPolls = 1;

            var result = Invoke(arns, "-Canary 1 -Force -PollIntervalSeconds 1" + (wait ? " -Wait" : string.Empty));

            output.WriteLine(result.EverythingVisible());
            Assert.Empty(result.Errors);
            Assert.All(arns, a => Assert.Equal(1, ResumesOf(a)));
            Assert.Equal(arns, result.Output.Select(o => Property<string>(o, "ExecutionArn")).OrderBy(a => a, StringComparer.Ordinal));
            Assert.All(result.Output, o => Assert.Equal(method, Property<string>(o, "Method")));
            var canary = Assert.Single(result.Output, o => Property<bool>(o, "Canary"));
            Assert.Equal(arns[0], Property<string>(canary, "ExecutionArn"));
            Assert.Equal("SUCCEEDED", Property<string>(canary, "Status"));
            Assert.All(result.Output.Where(o => o != canary), o => Assert.Equal(wait ? "SUCCEEDED" : "Started", Property<string>(o, "Status")));

            // Nothing else was changed before the canary was seen to succeed: its run answers RUNNING to the
            // first look after its change, SUCCEEDED to the second.
            var requests = endpoint.Requests.ToList();
            var change = method == "GoTo" ? "StartExecution" : "RedriveExecution";
            bool IsCanary(RecordedRequest r) => r.Body.Contains(NameOf(arns[0]), StringComparison.Ordinal);
            var canaryChange = requests.FindIndex(r => r.Operation == change && IsCanary(r));
            var canaryRun = Property<string>(canary, "ResumedExecutionArn");
            var seenEnded = requests.Select((r, i) => (r, i)).Where(x => x.i > canaryChange && x.r.Operation == "DescribeExecution" && x.r.Body.Contains(canaryRun, StringComparison.Ordinal)).Select(x => x.i).ElementAt(1);
            var otherChanges = requests.Select((r, i) => (r, i)).Where(x => x.r.Operation == change && !IsCanary(x.r)).Select(x => x.i).ToList();
            Assert.Equal(3, otherChanges.Count);
            Assert.All(otherChanges, i => Assert.True(i > seenEnded, $"request {i} changed another execution before the canary was seen to end (request {seenEnded})"));
        }

        [Fact]
        public void Stopping_while_the_canary_runs_ends_at_once_and_resumes_nothing_else()
        {
            var arns = FailedExecutions("Redrive", firstFailsAgain: false);
            server.RunningPolls = int.MaxValue;
            using var shell = session.CreateShell();
            session.Run("$null", new Dictionary<string, object?> { ["arns"] = arns, ["endpoint"] = endpoint.Url });
            shell.AddScript($"$arns | Invoke-SfnRedrive -Canary 1 -Force -PollIntervalSeconds 1 {Connection}");

            // Stopped once the canary was redriven and looked at since: its wait is on.
            bool CanaryWaitedFor()
            {
                var requests = endpoint.Requests.ToList();
                var redriven = requests.FindIndex(r => r.Operation == "RedriveExecution" && r.Body.Contains(arns[0], StringComparison.Ordinal));
                return redriven >= 0 && requests.Skip(redriven).Any(r => r.Operation == "DescribeExecution" && r.Body.Contains(arns[0], StringComparison.Ordinal));
            }

            var running = shell.BeginInvoke();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!CanaryWaitedFor() && DateTime.UtcNow < deadline)
            {
                System.Threading.Thread.Sleep(20);
            }

            Assert.True(CanaryWaitedFor(), "the canary was never waited for");
            shell.Stop();

            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.True(running.IsCompleted);
            Assert.Equal(1, ResumesOf(arns[0]));
            Assert.All(arns.Skip(1), a => Assert.Equal(0, ResumesOf(a)));
        }

        [Fact]
        public void WhatIf_says_which_execution_would_be_the_canary_and_changes_nothing()
        {
            var arns = FailedExecutions("Redrive", firstFailsAgain: false);

            var run = PwshProcess.Run(
                $"Import-Module '{TestPaths.StagedManifest}'; '{string.Join("','", arns)}' | Invoke-SfnRedrive -Canary 1 -WhatIf -EndpointUrl '{endpoint.Url}' -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret");

            output.WriteLine(run.Output + run.Errors);
            var lines = run.Output.Split('\n').Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToList();
            Assert.Equal(4, lines.Count);
            Assert.Contains("Canary of 'Orders'", Assert.Single(lines, l => l.Contains(arns[0], StringComparison.Ordinal)), StringComparison.Ordinal);
            Assert.All(arns.Skip(1), a => Assert.Contains("After the canaries of 'Orders' succeed", Assert.Single(lines, l => l.Contains(a, StringComparison.Ordinal)), StringComparison.Ordinal));
            Assert.Equal(0, endpoint.Count("RedriveExecution") + endpoint.Count("StartExecution") + endpoint.Count("CreateStateMachine"));
        }
    }
}
