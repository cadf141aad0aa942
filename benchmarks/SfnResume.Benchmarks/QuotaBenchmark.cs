using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.Tests.Infrastructure;

namespace SfnResume.Benchmarks
{
    /// <summary>
    /// <c>--quota</c>: the bulk cmdlet against a loopback Step Functions with AWS's large-region token buckets
    /// (<see cref="QuotaBuckets"/>) and 20 ms latency, paced as against AWS (SFNRESUME_PACING=On), each command in a
    /// fresh real pwsh (<see cref="BulkRun.RunInPwsh"/>):
    /// <list type="bullet">
    /// <item>1,000 eligible executions into <c>Invoke-SfnRedrive -Method Auto -Force</c>, as ListExecutions
    /// items and as bare ARNs: the command's wall time against the floor the buckets allow for the calls it
    /// made, the share of throttled answers, calls per execution; and beside them a bare loop of the same
    /// RedriveExecution calls over a warmed client, what this machine allows at best;</item>
    /// <item>10,000 list items from a producer that hands them over as Get-SFNExecutionList pages would: when
    /// the first RedriveExecution reaches the endpoint, against when the first and the last item were handed
    /// over (a batch that planned everything first could not start before the last);</item>
    /// <item><c>-Wait</c> on 1,000 redriven runs: calls per poll round against the runs still running.</item>
    /// </list>
    /// </summary>
    public static class QuotaBenchmark
    {
        private const int Executions = 1000;
        private const int ThrottleLimit = 10;
        private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

        /// <param name="only">One part to run: list, arns, streaming or wait; null runs them all.</param>
        public static int Run(string? only)
        {
            bool Runs(string part) => only == null || string.Equals(only, part, StringComparison.OrdinalIgnoreCase);
            Environment.SetEnvironmentVariable(AwsConnection.PacingVariable, "On");
            Console.WriteLine($"{Executions:N0} executions, {Latency.TotalMilliseconds} ms latency, large-region buckets, paced, -ThrottleLimit {ThrottleLimit}");
            Console.WriteLine("input          wall time    floor   ratio  calls/execution  redrives/execution  throttled");
            if (Runs("list") || Runs("arns"))
            {
                // The endpoint stands in for AWS, which is always warm: a first, unprinted bare loop compiles the
                // endpoint's code, and nothing is timed until the runtime has finished recompiling the hot parts.
                // Without the wait, this process's tiered compiler took 0.6 s of the two cores during the timed
                // command (perf, one run). The commands then run in fresh pwsh processes of their own.
                BareLoop(print: false);
                WaitForCompilerToSettle();
            }

            if (Runs("list"))
            {
                BareLoop(print: true);
                WaitForCompilerToSettle();
            }

            var rows = new[]
            {
                (Label: "list items", ListItems: true, Planned: false, Note: "fresh pwsh"),
                (Label: "list items", ListItems: true, Planned: true, Note: "fresh pwsh, after Test-SfnRedrive"),
                (Label: "bare ARNs", ListItems: false, Planned: false, Note: "fresh pwsh"),
            };
            foreach (var row in rows.Where(r => Runs(r.ListItems ? "list" : "arns")))
            {
                var (server, arns) = BulkRun.FailedYesterday(Executions);
                var quotas = new QuotaBuckets(server.Handle);
                using var endpoint = new LoopbackEndpoint(quotas.Handle, Latency);

                // The plan is read from an endpoint of its own, so that the timed command's calls and buckets are its own.
                var (planServer, _) = row.Planned ? BulkRun.FailedYesterday(Executions) : (null, Array.Empty<string>());
                using var planEndpoint = planServer == null ? null : new LoopbackEndpoint(planServer.Handle, Latency);

                var wall = Invoke(arns, endpoint.Url, row.ListItems, planEndpoint?.Url);

                BulkRun.CheckRedrivenOnce(server, arns);
                var floor = quotas.Floor(Latency, ThrottleLimit);
                var answers = quotas.TotalAccepted + quotas.TotalThrottled;
                Console.WriteLine($"{row.Label,-12} {wall.TotalSeconds,9:F1} s {floor.TotalSeconds,6:F1} s {wall.TotalSeconds / floor.TotalSeconds,6:F2}x {(double)answers / Executions,12:F2} {(double)quotas.Accepted("RedriveExecution") / Executions,18:F2} {100.0 * quotas.TotalThrottled / answers,9:F1} %   ({row.Note})");
            }

            if (Runs("streaming"))
            {
                Streaming(10_000);
            }

            if (Runs("wait"))
            {
                Waiting(Executions);
            }

            return 0;
        }

        /// <summary>
        /// What this machine and the loopback stack allow at best: the same 1,000 RedriveExecution calls a list-item
        /// run makes, from a bare loop, <see cref="ThrottleLimit"/> at a time, over one client made and warmed before
        /// the clock starts. The floor counts the latency only; this counts the client's and the endpoint's own work
        /// on the same two cores.
        /// </summary>
        /// <param name="print">False for the pass that only compiles the endpoint's code and the client's.</param>
        private static void BareLoop(bool print)
        {
            var (server, arns) = BulkRun.FailedYesterday(Executions);
            var quotas = new QuotaBuckets(server.Handle);
            using var endpoint = new LoopbackEndpoint(quotas.Handle, Latency);
            using var client = AwsConnection.Resolve(new AwsConnectionSettings { AccessKey = "AKIDEXAMPLE", SecretKey = "secret", Region = "eu-west-1", EndpointUrl = endpoint.Url }).CreateClient();
            client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = arns[0] }).GetAwaiter().GetResult();

            var clock = Stopwatch.StartNew();
            var next = -1;
            var workers = Enumerable.Range(0, ThrottleLimit).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < arns.Length)
                {
                    await client.RedriveExecutionAsync(new RedriveExecutionRequest { ExecutionArn = arns[i], ClientToken = "bare-" + i }).ConfigureAwait(false);
                }
            })).ToArray();
            Task.WaitAll(workers);
            var wall = clock.Elapsed;

            BulkRun.CheckRedrivenOnce(server, arns);
            if (!print)
            {
                return;
            }

            var floor = TimeSpan.FromTicks(Latency.Ticks * Executions / ThrottleLimit);
            Console.WriteLine($"{"bare loop",-12} {wall.TotalSeconds,9:F1} s {floor.TotalSeconds,6:F1} s {wall.TotalSeconds / floor.TotalSeconds,6:F2}x {1.0,12:F2} {1.0,18:F2} {0.0,9:F1} %   (RedriveExecution only, warm client)");
        }

        /// <summary>Waits until this process's JIT has compiled nothing for half a second (at most 20 s).</summary>
        private static void WaitForCompilerToSettle()
        {
            var clock = Stopwatch.StartNew();
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            while (clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.Sleep(500);
                var now = System.Runtime.JitInfo.GetCompiledMethodCount();
                if (now == compiled)
                {
                    return;
                }

                compiled = now;
            }
        }

        private static void Streaming(int count)
        {
            var (server, arns) = BulkRun.FailedYesterday(count);
            var quotas = new QuotaBuckets(server.Handle);
            var clock = Stopwatch.StartNew();
            var firstRedrive = TimeSpan.Zero;
            using var endpoint = new LoopbackEndpoint(
                request =>
                {
                    if (request.Operation == "RedriveExecution" && firstRedrive == TimeSpan.Zero)
                    {
                        firstRedrive = clock.Elapsed;
                    }

                    return quotas.Handle(request);
                },
                Latency);

            // Pages of 1,000, as ListExecutions gives them, each a call away.
            var handedOver = BulkRun.Run(@"param($manifest, $arns, $url, $clock)
                Import-Module $manifest
                $times = @{}
                $stop = [DateTime]::UtcNow.AddDays(-1)
                & {
                    for ($i = 0; $i -lt $arns.Count; $i++) {
                        if ($i -gt 0 -and $i % 1000 -eq 0) { [System.Threading.Thread]::Sleep(200) }
                        if ($i -eq 0) { $times.First = $clock.Elapsed }
                        [pscustomobject]@{ ExecutionArn = $arns[$i]; Status = 'FAILED'; StartDate = $stop.AddHours(-1); StopDate = $stop; RedriveCount = 0 }
                    }
                    $times.Last = $clock.Elapsed
                } | Invoke-SfnRedrive -Force -EndpointUrl $url -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret | Out-Null
                $times.First; $times.Last", arns, endpoint.Url, clock);
            BulkRun.CheckRedrivenOnce(server, arns);
            var (first, last) = ((TimeSpan)handedOver[0], (TimeSpan)handedOver[1]);
            Console.WriteLine();
            Console.WriteLine($"{count:N0} list items in pages of 1,000: first item handed over at 0 s, last at {(last - first).TotalSeconds:F1} s; first RedriveExecution at {(firstRedrive - first).TotalSeconds:F2} s; all redriven once in {clock.Elapsed.TotalSeconds - first.TotalSeconds:F1} s");
        }

        private static void Waiting(int count)
        {
            // Unpaced: what is counted here is calls per round, not time.
            Environment.SetEnvironmentVariable(AwsConnection.PacingVariable, null);
            var (server, arns) = BulkRun.FailedYesterday(count);
            server.RunningPolls = 3;
            using var endpoint = new LoopbackEndpoint(server.Handle);
            BulkRun.Run(@"param($manifest, $arns, $url)
                Import-Module $manifest
                $stop = [DateTime]::UtcNow.AddDays(-1)
                $arns | ForEach-Object { [pscustomobject]@{ ExecutionArn = $_; Status = 'FAILED'; StartDate = $stop.AddHours(-1); StopDate = $stop; RedriveCount = 0 } } |
                    Invoke-SfnRedrive -Force -Wait -PollIntervalSeconds 1 -EndpointUrl $url -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret | Out-Null", arns, endpoint.Url);
            var lists = endpoint.Count("ListExecutions");
            var describes = endpoint.Count("DescribeExecution");
            Console.WriteLine();
            Console.WriteLine($"-Wait on {count:N0} redriven runs, each RUNNING for 3 looks: {lists} poll rounds of 1 ListExecutions each ({100.0 / count:F1} % of the runs running); DescribeExecution only for the {describes} runs the list stopped showing (ended), once each. Before: {count:N0} DescribeExecution a round.");
            Environment.SetEnvironmentVariable(AwsConnection.PacingVariable, "On");
        }

        /// <summary>
        /// The command's own wall time in a fresh pwsh, from the first item into Invoke-SfnRedrive to its end; the
        /// items are made before. With <paramref name="planUrl"/>, the session first plans the same items with
        /// Test-SfnRedrive there, as an operator looks before acting: the command is then the session's second.
        /// </summary>
        private static TimeSpan Invoke(string[] arns, string url, bool listItems, string? planUrl)
        {
            var output = BulkRun.RunInPwsh(
                @"param($manifest, $arns, $url, $listItems, $limit, $planUrl)
                Import-Module $manifest
                $stop = [DateTime]::Now.AddDays(-1)
                $items = if ($listItems) {
                    foreach ($arn in $arns) { [pscustomobject]@{ ExecutionArn = $arn; Status = 'FAILED'; StartDate = $stop.AddHours(-1); StopDate = $stop; RedriveCount = 0 } }
                } else { $arns }
                if ($planUrl) {
                    $plan = $items | Test-SfnRedrive -EndpointUrl $planUrl -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret
                    if (@($plan | Where-Object Method -eq Redrive).Count -ne $arns.Count) { throw 'the plan does not redrive every execution' }
                }
                $clock = [System.Diagnostics.Stopwatch]::StartNew()
                $results = $items | Invoke-SfnRedrive -Method Auto -ThrottleLimit $limit -Force -EndpointUrl $url -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret
                $elapsed = $clock.Elapsed
                if (@($results).Count -ne $arns.Count) { throw ""$(@($results).Count) results for $($arns.Count) executions"" }
                $elapsed.Ticks",
                new { arns, url, listItems, limit = ThrottleLimit, planUrl });
            return TimeSpan.FromTicks(long.Parse(output[output.Count - 1], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
