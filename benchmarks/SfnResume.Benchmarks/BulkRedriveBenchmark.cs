using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.Redrive;
using SfnResume.Tests.Infrastructure;

namespace SfnResume.Benchmarks
{
    /// <summary>
    /// <c>--bulk</c>: 1,000 failed executions piped into Invoke-SfnRedrive against a loopback Step Functions that
    /// answers every request after 20 ms, against a one-by-one loop sending the same requests (DescribeExecution,
    /// then RedriveExecution with the same token) with the same client. Wall time, one run each: the figure is
    /// dominated by latency, which BenchmarkDotNet's repetitions would only multiply.
    /// </summary>
    public static class BulkRedriveBenchmark
    {
        private const int Executions = 1000;
        private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

        public static int Run()
        {
            var (oneByOne, oneByOneRequests) = Measure(OneByOne);
            Console.WriteLine($"one-by-one loop        {Executions} executions, {oneByOneRequests,5} requests: {oneByOne.TotalSeconds,6:F1} s");
            foreach (var limit in new[] { 10, 32 })
            {
                var (bulk, bulkRequests) = Measure((server, arns, url) => Invoke(arns, url, limit));
                Console.WriteLine($"Invoke-SfnRedrive -ThrottleLimit {limit,2}, {bulkRequests,5} requests: {bulk.TotalSeconds,6:F1} s  ({oneByOne.TotalSeconds / bulk.TotalSeconds:F1}x faster)");
            }

            return 0;
        }

        private static (TimeSpan Elapsed, int Requests) Measure(Action<RedriveServer, string[], string> run)
        {
            var (server, arns) = BulkRun.FailedYesterday(Executions);
            using var endpoint = new LoopbackEndpoint(server.Handle, Latency);
            var clock = Stopwatch.StartNew();
            run(server, arns, endpoint.Url);
            clock.Stop();
            BulkRun.CheckRedrivenOnce(server, arns);

            return (clock.Elapsed, endpoint.Requests.Count);
        }

        /// <summary>What a script without SfnResume's batching does: the same calls, one execution after another.</summary>
        private static void OneByOne(RedriveServer server, string[] arns, string url)
        {
            using var client = AwsConnection.Resolve(new AwsConnectionSettings { AccessKey = "AKIDEXAMPLE", SecretKey = "secret", Region = "eu-west-1", EndpointUrl = url }).CreateClient();
            foreach (var arn in arns)
            {
                var execution = client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = arn, IncludedData = "METADATA_ONLY" }).GetAwaiter().GetResult();
                client.RedriveExecutionAsync(new RedriveExecutionRequest { ExecutionArn = arn, ClientToken = RedriveClientToken.For(arn, execution.RedriveCount ?? 0) }).GetAwaiter().GetResult();
            }
        }

        private static void Invoke(string[] arns, string url, int throttleLimit) => BulkRun.Invoke(
            "param($manifest, $arns, $url, $limit) Import-Module $manifest; $arns | Invoke-SfnRedrive -Method Redrive -ThrottleLimit $limit -Force -EndpointUrl $url -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret",
            arns.Length, arns, url, throttleLimit);
    }
}
