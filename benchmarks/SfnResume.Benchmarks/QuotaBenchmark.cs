using System;
using System.Diagnostics;
using System.Linq;
using SfnResume.Tests.Infrastructure;

namespace SfnResume.Benchmarks
{
    /// <summary>
    /// <c>--quota</c>: 1,000 eligible failed executions piped into <c>Invoke-SfnRedrive -Method Auto -Force</c>
    /// against a loopback Step Functions with AWS's large-region token buckets (<see cref="QuotaBuckets"/>) and
    /// 20 ms latency, once as ListExecutions-shaped items and once as bare ARNs. Prints wall time against the
    /// floor the buckets allow for the calls made, the share of throttled answers, and calls per execution.
    /// </summary>
    public static class QuotaBenchmark
    {
        private const int Executions = 1000;
        private const int ThrottleLimit = 10;
        private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

        public static int Run()
        {
            Console.WriteLine($"{Executions:N0} executions, {Latency.TotalMilliseconds} ms latency, large-region buckets, -ThrottleLimit {ThrottleLimit}");
            Console.WriteLine("input          wall time    floor   ratio  calls/execution  redrives/execution  throttled");
            foreach (var listItems in new[] { true, false })
            {
                var (server, arns) = BulkRun.FailedYesterday(Executions);
                var quotas = new QuotaBuckets(server.Handle);
                using var endpoint = new LoopbackEndpoint(quotas.Handle, Latency);

                var clock = Stopwatch.StartNew();
                Invoke(arns, endpoint.Url, listItems);
                clock.Stop();

                BulkRun.CheckRedrivenOnce(server, arns);

                var floor = quotas.Floor(Latency, ThrottleLimit);
                var answers = quotas.TotalAccepted + quotas.TotalThrottled;
                Console.WriteLine($"{(listItems ? "list items" : "bare ARNs"),-12} {clock.Elapsed.TotalSeconds,9:F1} s {floor.TotalSeconds,6:F1} s {clock.Elapsed.TotalSeconds / floor.TotalSeconds,6:F2}x {(double)quotas.TotalAccepted / Executions,12:F2} {(double)quotas.Accepted("RedriveExecution") / Executions,18:F2} {100.0 * quotas.TotalThrottled / answers,9:F1} %");
            }

            return 0;
        }

        // ListExecutions items as AWS.Tools hands them over: status, dates (DateTime, local kind), redrive count.
        private static void Invoke(string[] arns, string url, bool listItems) => BulkRun.Invoke(@"param($manifest, $arns, $url, $listItems, $limit)
                Import-Module $manifest
                $items = if ($listItems) {
                    foreach ($arn in $arns) { [pscustomobject]@{ ExecutionArn = $arn; Status = 'FAILED'; StartDate = [DateTime]::Now.AddDays(-2); StopDate = [DateTime]::Now.AddDays(-1); RedriveCount = 0 } }
                } else { $arns }
                $items | Invoke-SfnRedrive -Method Auto -ThrottleLimit $limit -Force -EndpointUrl $url -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret",
            arns.Length, arns, url, listItems, ThrottleLimit);
    }
}
