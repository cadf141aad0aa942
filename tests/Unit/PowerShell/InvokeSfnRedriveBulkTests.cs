using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SfnResume.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>A thousand executions through Invoke-SfnRedrive in a hosted engine: faults, and the number of calls.</summary>
    public sealed class InvokeSfnRedriveBulkTests : IDisposable
    {
        private const int Executions = 1000;
        private static readonly DateTime Now = DateTime.UtcNow;

        private readonly ITestOutputHelper output;
        private readonly RedriveServer server = new RedriveServer();
        private readonly PowerShellSession session = new PowerShellSession();

        public InvokeSfnRedriveBulkTests(ITestOutputHelper output)
        {
            this.output = output;
            server.AddMachine("Orders", OrdersMachine.Definition, Now.AddDays(-400));
        }

        public void Dispose() => session.Dispose();

        /// <summary>Executions that closed yesterday; <paramref name="redriveStatus"/> null leaves the verdict to the local rules.</summary>
        private string[] FailedExecutions(DateTime stoppedAt, string? redriveStatus = "REDRIVABLE")
        {
            var history = OrdersMachine.FailedAtCharge();
            return Enumerable.Range(0, Executions)
                .Select(i => server.AddExecution("Orders", $"run-{i:D4}", stoppedAt.AddHours(-1).AddSeconds(i), stoppedAt.AddSeconds(i), history, redriveStatus: redriveStatus))
                .ToArray();
        }

        private PowerShellResult Invoke(LoopbackEndpoint endpoint, string[] arns, string parameters)
        {
            return session.Run($"$arns | Invoke-SfnRedrive {parameters} -Force -EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret",
                new Dictionary<string, object?> { ["arns"] = arns, ["endpoint"] = endpoint.Url });
        }

        [Fact]
        public void Under_throttling_and_500s_the_cmdlet_redrives_every_execution_exactly_once()
        {
            // The same faults as the engine test of a thousand (RedriveBatchTests), here with the cmdlet's own
            // backoff, whose waits are real: a hundred executions keep the run short.
            var arns = FailedExecutions(Now.AddDays(-1)).Take(100).ToArray();
            var faults = new FaultInjector(server.Handle, throttled: 0.5, failedBefore: 0.03, failedAfter: 0.03);
            using var endpoint = new LoopbackEndpoint(faults.Handle);

            var result = Invoke(endpoint, arns, "-Method Redrive -Verbose");

            output.WriteLine($"{endpoint.Requests.Count} requests, {faults.Faults} faults");
            Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Take(5)));
            Assert.Equal(arns.OrderBy(a => a), result.Output.Select(o => (string)o.Properties["ExecutionArn"].Value).OrderBy(a => a));
            Assert.All(arns, arn => Assert.Equal(1, server.Redrives.TryGetValue(arn, out var n) ? n : 0));
            Assert.Contains(result.Verbose, v => v.Contains("retried with backoff", StringComparison.Ordinal));
        }

        [Fact]
        public void With_AWS_RETRY_MODE_adaptive_in_the_environment_the_batch_still_redrives_every_execution_once()
        {
            // A fresh pwsh with the variable set (it would leak into the other tests of this process). The SDK's
            // adaptive mode refuses requests by itself once throttled ("capacity could not be obtained"); batches
            // retry and back off on their own, so they keep the standard mode whatever the environment says.
            var arns = FailedExecutions(Now.AddDays(-1)).Take(300).ToArray();
            var quotas = new QuotaBuckets(server.Handle, new Dictionary<string, (double Burst, double Refill)> { ["DescribeExecution"] = (20, 100), ["RedriveExecution"] = (20, 100) });
            using var endpoint = new LoopbackEndpoint(quotas.Handle);
            var list = System.IO.Path.GetTempFileName();
            System.IO.File.WriteAllLines(list, arns);

            var run = PwshProcess.Run(
                $"Import-Module '{TestPaths.StagedManifest}'; Get-Content '{list}' | Invoke-SfnRedrive -Method Redrive -Force -EndpointUrl '{endpoint.Url}' -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret -ErrorVariable failed | Out-Null; 'errors=' + $failed.Count",
                new Dictionary<string, string> { ["AWS_RETRY_MODE"] = "adaptive" });
            System.IO.File.Delete(list);

            output.WriteLine($"{quotas.TotalAccepted} calls let through, {quotas.TotalThrottled} throttled");
            Assert.Contains("errors=0", run.Output, StringComparison.Ordinal);
            Assert.True(quotas.TotalThrottled > 0, "nothing was throttled: the test proves nothing");
            Assert.All(arns, arn => Assert.Equal(1, server.Redrives.TryGetValue(arn, out var n) ? n : 0));
        }

        [Theory]
        [InlineData("-Method GoTo", null)]
        [InlineData("", "too-old")]
        public void A_thousand_executions_of_one_machine_through_the_GoTo_path_read_its_definition_once_and_create_one_copy(string parameters, string? why)
        {
            var arns = why == null ? FailedExecutions(Now.AddDays(-1)) : FailedExecutions(Now.AddDays(-30), redriveStatus: null);
            using var endpoint = new LoopbackEndpoint(server.Handle);

            var result = Invoke(endpoint, arns, parameters);

            Assert.Empty(result.Errors);
            Assert.Equal(Executions, result.Output.Count(o => (string)o.Properties["Method"].Value == "GoTo"));
            Assert.Equal(Executions, server.Started.Count);
            Assert.Equal(1, endpoint.Count("DescribeStateMachineForExecution") + endpoint.Count("DescribeStateMachine"));
            Assert.Equal(1, endpoint.Count("CreateStateMachine"));
            // One to plan each, one to find no earlier resume of it on the copy (its derived run name).
            Assert.Equal(2 * Executions, endpoint.Count("DescribeExecution"));
            Assert.Equal(Executions, endpoint.Count("GetExecutionHistory"));
            Assert.Equal(Executions, endpoint.Count("StartExecution"));
            var perExecution = endpoint.Requests.Count(r => r.Body.Contains("\"executionArn\"", StringComparison.Ordinal));
            Assert.True(perExecution <= 4 * Executions, $"{perExecution} calls for {Executions} executions");
        }

        /// <summary>
        /// Executions arrive one by one, and their describes finish out of order: each answer covers the other
        /// executions of its revision, but the first answer about an older revision may be about one that is
        /// asked about again at the end. One call more at most, in either order, never one per execution.
        /// </summary>
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Checking_that_the_definition_is_unchanged_reads_it_once_per_distinct_definition(bool newestFirst)
        {
            // 1,000 executions over three revisions: 400 ran the first, 400 the second, 200 the current one.
            var history = OrdersMachine.FailedAtCharge();
            var start = Now.AddDays(-2);
            server.UpdateMachine("Orders", OrdersMachine.Definition.Replace("Prepare", "Ready"), start.AddSeconds(400));
            server.UpdateMachine("Orders", OrdersMachine.Definition, start.AddSeconds(800));
            var arns = Enumerable.Range(0, Executions)
                .Select(i => server.AddExecution("Orders", $"run-{i:D4}", start.AddSeconds(i), Now.AddDays(-1), history))
                .ToArray();
            using var endpoint = new LoopbackEndpoint(server.Handle);

            var result = Session(endpoint, newestFirst ? arns.Reverse().ToArray() : arns);

            Assert.Empty(result.Errors);
            Assert.InRange(endpoint.Count("DescribeStateMachineForExecution"), 3, 4);
            Assert.Equal(1, endpoint.Count("DescribeStateMachine"));

            // The first and the current revision hold the same definition: those redrive; the middle one changed it.
            string MethodOf(int i) => (string)result.Output.Single(o => (string)o.Properties["ExecutionArn"].Value == arns[i]).Properties["Method"].Value;
            Assert.Equal("Redrive", MethodOf(0));
            Assert.Equal("GoTo", MethodOf(500));
            Assert.Equal("Redrive", MethodOf(999));
            Assert.Equal(400, result.Output.Count(o => (string)o.Properties["Method"].Value == "GoTo"));
        }

        private PowerShellResult Session(LoopbackEndpoint endpoint, string[] arns)
        {
            return session.Run("$arns | Test-SfnRedrive -EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret",
                new Dictionary<string, object?> { ["arns"] = arns, ["endpoint"] = endpoint.Url });
        }
    }
}
