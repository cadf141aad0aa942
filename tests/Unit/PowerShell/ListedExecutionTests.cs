using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Management.Automation;
using SfnResume.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// Executions piped in as Get-SFNExecutionList hands them over: planned from what the list says, with no
    /// DescribeExecution, resumed while later ones are still arriving, and paced.
    /// </summary>
    public sealed class ListedExecutionTests : IDisposable
    {
        private static readonly DateTime Now = DateTime.UtcNow;

        /// <summary>
        /// AWS.Tools' shapes: ExecutionListItem from AWSSDK.StepFunctions, whose Status is a ConstantClass and
        /// whose dates are DateTime (local in AWS.Tools 4, UTC in 5). Compiled in the fresh pwsh against the
        /// module's own AWSSDK.Core, as AWS.Tools would have it.
        /// </summary>
        private const string AwsToolsShapes = @"
            $core = Join-Path (Get-Module SfnResume).ModuleBase dependencies/AWSSDK.Core.dll
            Add-Type -ReferencedAssemblies $core, netstandard -TypeDefinition '
                namespace Amazon.StepFunctions {
                    public sealed class ExecutionStatus : Amazon.Runtime.ConstantClass {
                        public ExecutionStatus(string value) : base(value) {}
                    }
                }
                namespace Amazon.StepFunctions.Model {
                    public sealed class ExecutionListItem {
                        public string ExecutionArn { get; set; }
                        public string StateMachineArn { get; set; }
                        public string Name { get; set; }
                        public Amazon.StepFunctions.ExecutionStatus Status { get; set; }
                        public System.DateTime StartDate { get; set; }
                        public System.DateTime StopDate { get; set; }
                        public int RedriveCount { get; set; }
                        public System.DateTime RedriveDate { get; set; }
                        public string MapRunArn { get; set; }
                        public string StateMachineVersionArn { get; set; }
                        public string StateMachineAliasArn { get; set; }
                    }
                }'
            function New-ListItem([string] $Arn, [string] $Status, [string] $Start, [string] $Stop, [switch] $Local) {
                $item = [Amazon.StepFunctions.Model.ExecutionListItem]::new()
                $item.ExecutionArn = $Arn
                $item.StateMachineArn = $Arn -replace ':execution:(.*):[^:]+$', ':stateMachine:$1'
                $item.Name = $Arn.Split(':')[-1]
                $item.Status = [Amazon.StepFunctions.ExecutionStatus]::new($Status)
                foreach ($pair in @(@('StartDate', $Start), @('StopDate', $Stop))) {
                    $date = [DateTime]::Parse($pair[1], [Globalization.CultureInfo]::InvariantCulture, 'RoundtripKind')
                    $item.($pair[0]) = if ($Local) { $date.ToLocalTime() } else { $date }
                }
                $item
            }";

        private readonly ITestOutputHelper output;
        private readonly RedriveServer server = new RedriveServer();
        private readonly PowerShellSession session = new PowerShellSession();

        public ListedExecutionTests(ITestOutputHelper output)
        {
            this.output = output;
            server.AddMachine("Orders", OrdersMachine.Definition, Now.AddDays(-400));
        }

        public void Dispose() => session.Dispose();

        private static string Iso(DateTime utc) => utc.ToString("o", CultureInfo.InvariantCulture);

        [Fact]
        public void AWS_Tools_list_items_with_a_ConstantClass_status_and_local_or_UTC_dates_are_planned_without_DescribeExecution()
        {
            // Thirteen days and twenty hours ago is inside the 14-day window, fourteen days and four hours ago is
            // not. In Pago Pago (UTC-11), a local date read as UTC would put the first one 11 hours earlier: out.
            var recentStop = Now.AddDays(-13).AddHours(-20);
            var oldStop = Now.AddDays(-14).AddHours(-4);
            var history = OrdersMachine.FailedAtCharge();
            var recent = server.AddExecution("Orders", "recent", recentStop.AddHours(-1), recentStop, history);
            var old = server.AddExecution("Orders", "old", oldStop.AddHours(-1), oldStop, history);
            var done = server.AddExecution("Orders", "done", recentStop.AddHours(-1), recentStop, history, status: "SUCCEEDED", redriveStatus: "NOT_REDRIVABLE");
            using var endpoint = new LoopbackEndpoint(server.Handle);

            var run = PwshProcess.Run(
                $"Import-Module '{TestPaths.StagedManifest}'\n{AwsToolsShapes}\n" +
                $"$items = @((New-ListItem '{recent}' FAILED '{Iso(recentStop.AddHours(-1))}' '{Iso(recentStop)}' -Local), (New-ListItem '{old}' FAILED '{Iso(oldStop.AddHours(-1))}' '{Iso(oldStop)}'), (New-ListItem '{done}' SUCCEEDED '{Iso(recentStop.AddHours(-1))}' '{Iso(recentStop)}' -Local))\n" +
                "'kinds=' + (($items | ForEach-Object { $_.StopDate.Kind }) -join ',')\n" +
                $"$items | Invoke-SfnRedrive -Force -EndpointUrl '{endpoint.Url}' -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret | ForEach-Object {{ 'result=' + $_.ExecutionArn.Split(':')[-1] + '|' + $_.Method + '|' + $_.Status + '|' + ($_.ReasonCodes -join ',') }}",
                new Dictionary<string, string> { ["TZ"] = "Pacific/Pago_Pago" });

            output.WriteLine(run.Output + run.Errors);
            Assert.Contains("kinds=Local,Utc,Local", run.Output, StringComparison.Ordinal);
            Assert.Contains("result=recent|Redrive|Started|", run.Output, StringComparison.Ordinal);
            Assert.Contains("result=old|GoTo|Started|ClosedTooLongAgo", run.Output, StringComparison.Ordinal);
            Assert.Contains("result=done|None|Skipped|Succeeded", run.Output, StringComparison.Ordinal);
            // None of the listed executions is described; the GoTo one costs one look for an earlier resume on the copy.
            Assert.Equal(0, endpoint.Requests.Count(r => r.Operation == "DescribeExecution" && r.Body.Contains(":execution:Orders:", StringComparison.Ordinal)));
            Assert.Equal(1, endpoint.Requests.Count(r => r.Operation == "DescribeExecution" && r.Body.Contains(":execution:Orders-goto:old-r1-", StringComparison.Ordinal)));
            Assert.Equal(1, endpoint.Count("RedriveExecution"));
        }

        [Fact]
        public void A_redrive_refused_for_what_the_list_cannot_show_takes_the_GoTo_path()
        {
            // Too many events for a redrive: the list item does not say so, DescribeExecution would have.
            var stop = Now.AddDays(-1);
            var arn = server.AddExecution("Orders", "long", stop.AddHours(-1), stop, OrdersMachine.FailedAtCharge(),
                redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: "Execution history event limit exceeded");
            using var endpoint = new LoopbackEndpoint(server.Handle);

            var result = session.Run(
                "[pscustomobject]@{ ExecutionArn = $arn; Status = 'FAILED'; StartDate = $start; StopDate = $stop; RedriveCount = 0 } | Invoke-SfnRedrive -Force -EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret",
                new Dictionary<string, object?> { ["arn"] = arn, ["start"] = stop.AddHours(-1), ["stop"] = stop, ["endpoint"] = endpoint.Url });

            Assert.Empty(result.Errors);
            var resumed = Assert.Single(result.Output);
            Assert.Equal("GoTo", resumed.Properties["Method"].Value);
            Assert.Equal("Started", resumed.Properties["Status"].Value);
            Assert.Contains("NotRedrivable", (IEnumerable<string>)resumed.Properties["ReasonCodes"].Value);
            // After the refusal only: was it redriven since it was listed (a stale list)? Then, on the GoTo path, is
            // there an earlier resume on the copy?
            Assert.Equal(2, endpoint.Count("DescribeExecution"));
            Assert.Equal(1, endpoint.Count("RedriveExecution"));
            Assert.Equal(1, endpoint.Count("StartExecution"));
            Assert.Empty(server.Redrives);
        }

        [Fact]
        public void The_first_redrive_goes_out_while_later_executions_are_still_arriving()
        {
            var stop = Now.AddDays(-1);
            var arns = Enumerable.Range(0, 20).Select(i => server.AddExecution("Orders", $"run-{i:D2}", stop.AddHours(-1), stop, OrdersMachine.FailedAtCharge())).ToArray();
            using var endpoint = new LoopbackEndpoint(server.Handle);

            // The producer holds back the 19 others until a redrive has reached the endpoint, for 10 s at most.
            var result = session.Run(@"
                & {
                    [pscustomobject]@{ ExecutionArn = $arns[0]; Status = 'FAILED'; StartDate = $start; StopDate = $stop }
                    $deadline = [DateTime]::UtcNow.AddSeconds(10)
                    while ($server.Count('RedriveExecution') -eq 0 -and [DateTime]::UtcNow -lt $deadline) { [System.Threading.Thread]::Sleep(20) }
                    $global:redrivesBeforeTheSecond = $server.Count('RedriveExecution')
                    foreach ($arn in $arns[1..19]) { [pscustomobject]@{ ExecutionArn = $arn; Status = 'FAILED'; StartDate = $start; StopDate = $stop } }
                } | Invoke-SfnRedrive -Force -EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret
                $global:redrivesBeforeTheSecond",
                new Dictionary<string, object?> { ["arns"] = arns, ["start"] = stop.AddHours(-1), ["stop"] = stop, ["endpoint"] = endpoint.Url, ["server"] = endpoint });

            Assert.Empty(result.Errors);
            Assert.Equal(1, (int)result.Output.Last().BaseObject);
            Assert.Equal(20, result.Output.Count(o => o.Properties["Status"]?.Value as string == "Started"));
            Assert.All(arns, arn => Assert.Equal(1, server.Redrives[arn]));
        }

        [Fact]
        public void The_definition_check_reads_both_definitions_at_once_so_the_first_redrive_waits_one_round_trip()
        {
            // Read one after the other, the current definition and the one the execution ran would hold the
            // redrive back two round trips. The endpoint holds each answer until the other request has arrived:
            // read at once, both arrive; read in turn, the first is held until the wait gives up.
            var stop = Now.AddDays(-1);
            var arn = server.AddExecution("Orders", "run", stop.AddHours(-1), stop, OrdersMachine.FailedAtCharge());
            var current = new ManualResetEventSlim();
            var ran = new ManualResetEventSlim();
            var heldUntilTheOtherCame = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
            using var endpoint = new LoopbackEndpoint(r =>
            {
                if (r.Operation == "DescribeStateMachine" || r.Operation == "DescribeStateMachineForExecution")
                {
                    var (mine, other) = r.Operation == "DescribeStateMachine" ? (current, ran) : (ran, current);
                    mine.Set();
                    heldUntilTheOtherCame[r.Operation] = other.Wait(TimeSpan.FromSeconds(20));
                }

                return server.Handle(r);
            });

            var result = session.Run(
                "[pscustomobject]@{ ExecutionArn = $arn; Status = 'FAILED'; StartDate = $start; StopDate = $stop; RedriveCount = 0 } | Invoke-SfnRedrive -Force -EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret",
                new Dictionary<string, object?> { ["arn"] = arn, ["start"] = stop.AddHours(-1), ["stop"] = stop, ["endpoint"] = endpoint.Url });

            Assert.Empty(result.Errors);
            Assert.Equal("Redrive", Assert.Single(result.Output).Properties["Method"].Value);
            Assert.Equal(1, endpoint.Count("DescribeStateMachine"));
            Assert.Equal(1, endpoint.Count("DescribeStateMachineForExecution"));
            Assert.True(heldUntilTheOtherCame["DescribeStateMachine"], "DescribeStateMachineForExecution was not sent while DescribeStateMachine was unanswered.");
            Assert.True(heldUntilTheOtherCame["DescribeStateMachineForExecution"], "DescribeStateMachine was not sent while DescribeStateMachineForExecution was unanswered.");
            var requests = endpoint.Requests;
            Assert.True(requests.Single(r => r.Operation == "RedriveExecution").ReceivedAt > requests.Where(r => r.Operation.StartsWith("DescribeStateMachine", StringComparison.Ordinal)).Max(r => r.ReceivedAt));
        }

        [Fact]
        public void Without_permission_to_read_the_current_definition_the_definition_check_asks_about_no_execution_after_the_first()
        {
            // The current revision is what every answer is compared with: without it, one
            // DescribeStateMachineForExecution per execution (a call a second) would only be thrown away.
            var stop = Now.AddDays(-1);
            var arns = Enumerable.Range(0, 50).Select(i => server.AddExecution("Orders", $"run-{i:D2}", stop.AddHours(-1), stop, OrdersMachine.FailedAtCharge())).ToArray();
            using var endpoint = new LoopbackEndpoint(r => r.Operation == "DescribeStateMachine"
                ? LoopbackResponse.Error("AccessDeniedException", "not authorized to perform states:DescribeStateMachine")
                : server.Handle(r));

            var result = session.Run(
                "$arns | ForEach-Object { [pscustomobject]@{ ExecutionArn = $_; Status = 'FAILED'; StartDate = $start; StopDate = $stop; RedriveCount = 0 } } | Invoke-SfnRedrive -Force -EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret",
                new Dictionary<string, object?> { ["arns"] = arns, ["start"] = stop.AddHours(-1), ["stop"] = stop, ["endpoint"] = endpoint.Url });

            Assert.Empty(result.Errors);
            Assert.Equal(50, result.Output.Count(o => (string)o.Properties["Method"].Value == "Redrive"));
            Assert.All(arns, a => Assert.Equal(1, server.Redrives[a]));
            Assert.Equal(1, endpoint.Count("DescribeStateMachine"));
            Assert.InRange(endpoint.Count("DescribeStateMachineForExecution"), 0, 1);
        }

        [Fact]
        public void With_the_pacing_on_half_throttled_and_some_500s_every_execution_is_redriven_exactly_once()
        {
            // The fault test of the bulk cmdlet, paced at AWS's figures (SFNRESUME_PACING=On, as this endpoint is
            // not AWS's): every throttled answer also slows the pacing. List items read as strings from a CSV.
            var stop = Now.AddDays(-1);
            var arns = Enumerable.Range(0, 100).Select(i => server.AddExecution("Orders", $"run-{i:D3}", stop.AddHours(-1), stop, OrdersMachine.FailedAtCharge())).ToArray();
            var faults = new FaultInjector(server.Handle, throttled: 0.5, failedBefore: 0.03, failedAfter: 0.03);
            using var endpoint = new LoopbackEndpoint(faults.Handle);
            var csv = Path.GetTempFileName();
            File.WriteAllLines(csv, new[] { "ExecutionArn,Status,StartDate,StopDate,RedriveCount" }.Concat(arns.Select(a => $"{a},FAILED,{Iso(stop.AddHours(-1))},{Iso(stop)},0")));

            var run = PwshProcess.Run(
                $"Import-Module '{TestPaths.StagedManifest}'; $results = Import-Csv '{csv}' | Invoke-SfnRedrive -Force -EndpointUrl '{endpoint.Url}' -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret -ErrorVariable failed; 'errors=' + $failed.Count; 'started=' + @($results | Where-Object Status -eq Started).Count",
                new Dictionary<string, string> { ["SFNRESUME_PACING"] = "On" });
            File.Delete(csv);

            output.WriteLine($"{endpoint.Requests.Count} requests, {faults.Faults} faults\n{run.Output}{run.Errors}");
            Assert.Contains("errors=0", run.Output, StringComparison.Ordinal);
            Assert.Contains("started=100", run.Output, StringComparison.Ordinal);
            Assert.Equal(0, endpoint.Count("DescribeExecution"));
            Assert.All(arns, arn => Assert.Equal(1, server.Redrives.TryGetValue(arn, out var n) ? n : 0));
            Assert.True(faults.Faults > 50, $"only {faults.Faults} faults were injected");
        }
    }
}
