using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SfnResume.Aws;
using SfnResume.Aws.Logs;
using SfnResume.Tests.Infrastructure;

namespace SfnResume.Benchmarks
{
    /// <summary>
    /// <c>--express</c>: 1,000 failed Express executions among 50,000 in one log group (7 to 8 level-ALL records each,
    /// with execution data), found by <c>Find-SfnExpressExecution</c> in a fresh pwsh, paced as against AWS, against a
    /// loopback that enforces the CloudWatch Logs quotas (FilterLogEvents, StartQuery and GetQueryResults 5 a second,
    /// not raisable) and Step Functions' (<see cref="QuotaBuckets"/>), 20 ms latency. Each search is printed with its
    /// wall time against the floor those quotas allow for the calls it made, its calls per execution found, and its
    /// wall time against the baseline row's:
    /// <list type="bullet">
    /// <item>FilterLogEvents as the API reference documents it (pages of up to 10,000 events or 1 MB of matches): the baseline;</item>
    /// <item>FilterLogEvents that looks at 10,000 records a call and answers partial or empty pages with a token, as
    /// AWS does on large groups (the reference allows it; the figure per call is an assumption, not documented);</item>
    /// <item>Logs Insights, the query running for 5 looks at one a second, with what it scanned and what that costs at $0.005 a GB;</item>
    /// <item>FilterLogEvents, then each found execution piped into Get-SfnFailurePoint: the reads a resume needs, one
    /// DescribeStateMachine and one FilterLogEvents on its ARN per execution, against the same quota floor;</item>
    /// <item>FilterLogEvents, then the found executions piped into Invoke-SfnRedrive -Force: each resumed on the Express
    /// GoTo copy (its earlier resumes and its records read from the log group, several executions a FilterLogEvents
    /// call, then StartExecution), against the same quota floor.</item>
    /// </list>
    /// </summary>
    public static class ExpressSearchBenchmark
    {
        private const int Executions = 50_000;
        private const int Failed = 1_000;
        private const long Start = 1_750_000_000_000;
        private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

        public static int Run()
        {
            Environment.SetEnvironmentVariable(AwsConnection.PacingVariable, "On");
            var (server, failedArns) = Group();
            Console.WriteLine($"{Failed:N0} failed Express executions among {Executions:N0} in one log group, {Latency.TotalMilliseconds} ms latency, Logs and Step Functions quotas enforced, paced");
            Console.WriteLine("search                                  wall time    floor   ratio   vs baseline  calls/execution  throttled  scanned");
            var rows = new[]
            {
                (Label: "FilterLogEvents (documented paging)", Search: "FilterLogEvents", ScannedPerCall: (int?)null, Then: string.Empty),
                (Label: "FilterLogEvents (10,000 scanned/call)", Search: "FilterLogEvents", ScannedPerCall: (int?)10_000, Then: string.Empty),
                (Label: "Logs Insights (5 s query)", Search: "LogsInsights", ScannedPerCall: (int?)null, Then: string.Empty),
                (Label: "FilterLogEvents | Get-SfnFailurePoint", Search: "FilterLogEvents", ScannedPerCall: (int?)null, Then: "Get-SfnFailurePoint"),
                (Label: "FilterLogEvents | Invoke-SfnRedrive", Search: "FilterLogEvents", ScannedPerCall: (int?)null, Then: "Invoke-SfnRedrive"),
            };
            double? baseline = null;
            foreach (var row in rows)
            {
                server.ScannedPerCall = row.ScannedPerCall;
                server.QueryLooksBeforeComplete = 5;
                var scannedBefore = server.BytesScanned;
                var copy = new CopySide(server.Handle);
                var quotas = new QuotaBuckets(copy.Handle, Quotas());
                using var endpoint = new LoopbackEndpoint(quotas.Handle, Latency);
                var (wall, found) = Invoke(endpoint.Url, row.Search, row.Then);
                if (found != Failed || (row.Then == "Invoke-SfnRedrive" && copy.Started != Failed))
                {
                    throw new InvalidOperationException($"{row.Label}: {found} results and {copy.Started} runs started for {Failed} failed executions");
                }

                var floor = quotas.Floor(Latency, 1);
                var answers = quotas.TotalAccepted + quotas.TotalThrottled;
                baseline ??= wall.TotalSeconds;
                var scanned = server.BytesScanned - scannedBefore;
                var scannedText = scanned == 0 ? "-" : $"{scanned / 1e9:F2} GB, ${scanned / 1e9 * 0.005:F4}";
                Console.WriteLine($"{row.Label,-38} {wall.TotalSeconds,9:F1} s {floor.TotalSeconds,6:F1} s {wall.TotalSeconds / Math.Max(floor.TotalSeconds, 0.001),6:F2}x {wall.TotalSeconds / baseline.Value,9:F2}x {(double)answers / Failed,14:F3} {100.0 * quotas.TotalThrottled / answers,9:F1} %  {scannedText}");
            }

            return 0;
        }

        /// <summary>Step Functions' large-region buckets, and the Logs quotas as 1-second buckets, as <see cref="CloudWatchLogsQuotas"/> paces them.</summary>
        private static IReadOnlyDictionary<string, (double Burst, double Refill)> Quotas()
        {
            var all = new Dictionary<string, (double, double)>(QuotaBuckets.LargeRegion, StringComparer.Ordinal);
            foreach (var quota in CloudWatchLogsQuotas.All)
            {
                all[quota.Key] = (quota.Value.Burst, quota.Value.RefillPerSecond);
            }

            return all;
        }

        /// <summary>Executions a second apart, one in 50 failing (timed out every tenth of those), each run's records spread over the group.</summary>
        private static (ExpressLogServer Server, List<string> Failed) Group()
        {
            var server = new ExpressLogServer { Definition = ExpressRunRecords.Definition, PageSize = 10_000 };
            var failed = new List<string>();
            for (var i = 0; i < Executions; i++)
            {
                var arn = "arn:aws:states:us-east-1:123456789012:express:Orders:run-" + i.ToString(CultureInfo.InvariantCulture) + ":0f5c7a4e-1111-2222-3333-444455556666";
                var fails = i % (Executions / Failed) == 17;
                server.Add(ExpressRunRecords.Of(arn, Start + (i * 1000L), fails ? (failed.Count % 10 == 9 ? "TIMED_OUT" : "FAILED") : "SUCCEEDED"));
                if (fails)
                {
                    failed.Add(arn);
                }
            }

            return (server, failed);
        }

        private static (TimeSpan Wall, int Found) Invoke(string url, string search, string then)
        {
            var since = DateTimeOffset.FromUnixTimeMilliseconds(Start).UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
            var until = DateTimeOffset.FromUnixTimeMilliseconds(Start + (Executions * 1000L) + 60_000).UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
            var output = BulkRun.RunInPwsh(
                @"param($manifest, $url, $search, $since, $until, $then)
                Import-Module $manifest
                $connection = @{ EndpointUrl = $url; Region = 'us-east-1'; AccessKey = 'AKIDEXAMPLE'; SecretKey = 'secret' }
                $from = [DateTime]::Parse($since, $null, 'RoundtripKind'); $to = [DateTime]::Parse($until, $null, 'RoundtripKind')
                $clock = [System.Diagnostics.Stopwatch]::StartNew()
                $found = Find-SfnExpressExecution 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders' -Since $from -Until $to -Search $search @connection
                if ($then -eq 'Get-SfnFailurePoint') { $found = $found | Get-SfnFailurePoint @connection }
                if ($then -eq 'Invoke-SfnRedrive') { $found = $found | Invoke-SfnRedrive -Force @connection | Where-Object Status -eq 'Started' }
                $elapsed = $clock.Elapsed
                @($found).Count
                $elapsed.Ticks",
                new { url, search, since, until, then });
            return (TimeSpan.FromTicks(long.Parse(output[output.Count - 1], CultureInfo.InvariantCulture)), int.Parse(output[output.Count - 2], CultureInfo.InvariantCulture));
        }
    }
}
