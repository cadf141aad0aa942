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
    /// <c>--maprun [failed children]</c>: <c>Get-SfnFailurePoint -MapRunChildren</c> on a failed Distributed Map
    /// (<see cref="FailedMapRunScenario"/>: 10,000 items, the failed children failed at their second state, 100
    /// aborted, 4,000 succeeded, the rest never started) against a loopback with AWS's large-region token buckets
    /// (<see cref="QuotaBuckets"/>) and 20 ms latency, paced as against AWS (SFNRESUME_PACING=On), in a fresh
    /// real pwsh (<see cref="BulkRun.RunInPwsh"/>): the calls per child read, and the wall time against the floor
    /// the buckets and the latency allow for those calls (GetExecutionHistory: 400 at once, then 20 a second).
    /// Beside it, a bare loop of the same GetExecutionHistory calls over a warmed client, eight at a time: what
    /// this machine allows at best.
    /// </summary>
    public static class MapRunBenchmark
    {
        private const int Concurrency = 8;
        private const int Aborted = 100;
        private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

        public static int Run(int failed)
        {
            Environment.SetEnvironmentVariable(AwsConnection.PacingVariable, "On");
            var children = failed + Aborted;
            Console.WriteLine($"Map Run of 10,000 items: {failed:N0} failed and {Aborted} aborted children to read, 4,000 succeeded; {Latency.TotalMilliseconds} ms latency, large-region buckets, paced");
            Console.WriteLine("run            wall time    floor   ratio  calls/child  histories/child  throttled");
            foreach (var drillDown in new[] { false, true })
            {
                var run = FailedMapRunScenario.Build(items: 10000, failed: failed, aborted: Aborted, succeeded: 4000);
                var quotas = new QuotaBuckets(run.Handle);
                using var endpoint = new LoopbackEndpoint(quotas.Handle, Latency);
                var clock = Stopwatch.StartNew();
                if (drillDown)
                {
                    var lines = BulkRun.RunInPwsh(
                        "param($manifest, $parent, $url) Import-Module $manifest; $clock = [Diagnostics.Stopwatch]::StartNew(); "
                        + "$n = @(Get-SfnFailurePoint $parent -MapRunChildren -EndpointUrl $url -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey secret -ProgressAction SilentlyContinue).Count; "
                        + "\"$n $($clock.Elapsed.TotalSeconds)\"",
                        new { parent = FailedMapRunScenario.ParentArn, url = endpoint.Url });
                    var parts = lines.Last().Split(' ');
                    if (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) != children)
                    {
                        throw new InvalidOperationException($"{parts[0]} child failure points, {children} expected");
                    }

                    clock.Stop();
                    Print("drill-down", TimeSpan.FromSeconds(double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)), quotas, children, "fresh pwsh, command only");
                }
                else
                {
                    using var client = AwsConnection.Resolve(new AwsConnectionSettings { AccessKey = "AKIDEXAMPLE", SecretKey = "secret", Region = "us-east-1", EndpointUrl = endpoint.Url }).CreateClient();
                    var arns = Enumerable.Range(0, children).Select(i => FailedMapRunScenario.ChildArn(i)).ToArray();
                    clock.Restart();
                    // Retried as the cmdlet retries: a throttled answer the SDK gave up on is not the end of the baseline.
                    var retry = new TransientRetry();
                    var next = -1;
                    var workers = Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
                    {
                        int i;
                        while ((i = Interlocked.Increment(ref next)) < arns.Length)
                        {
                            var arn = arns[i];
                            await retry.RunAsync(ct => client.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = arn, ReverseOrder = true, MaxResults = 1000, IncludeExecutionData = true }, ct), CancellationToken.None).ConfigureAwait(false);
                        }
                    })).ToArray();
                    Task.WaitAll(workers);
                    Print("bare loop", clock.Elapsed, quotas, children, "GetExecutionHistory only, warm client");
                }
            }

            return 0;
        }

        private static void Print(string label, TimeSpan wall, QuotaBuckets quotas, int children, string note)
        {
            var floor = quotas.Floor(Latency, Concurrency);
            var answers = quotas.TotalAccepted + quotas.TotalThrottled;
            Console.WriteLine($"{label,-12} {wall.TotalSeconds,9:F1} s {floor.TotalSeconds,6:F1} s {wall.TotalSeconds / floor.TotalSeconds,6:F2}x {(double)quotas.TotalAccepted / children,11:F3} {(double)quotas.Accepted("GetExecutionHistory") / children,16:F3} {100.0 * quotas.TotalThrottled / Math.Max(1, answers),9:F1} %   ({note})");
        }
    }
}
