using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Text.Json.Nodes;
using SfnResume.Aws;
using SfnResume.GoTo;
using SfnResume.Tests.Infrastructure;

namespace SfnResume.Benchmarks
{
    /// <summary>
    /// <c>--distributed</c>: the precise GoTo resume of a failed Distributed Map, end to end, against re-running
    /// the whole Map, side by side, on the acceptance Map Run (<see cref="FailedMapRunWorld"/>: 10,000 items from
    /// an S3 JSON file; 51 children failed at the second of their two Task states, 100 aborted, 4,000 succeeded,
    /// 5,849 never started). <c>Invoke-SfnRedrive -Method GoTo</c> runs in a fresh real pwsh against a loopback
    /// with AWS's large-region token buckets (<see cref="QuotaBuckets"/>) and 20 ms latency, paced as against AWS:
    /// the calls it makes per child, and its wall time against the floor the buckets and the latency allow for
    /// those calls. The item file it wrote is then fed through the copy's Map under aws-local-stepfunctions: the
    /// child runs and Task calls the resumed Map Run makes, counted, against the whole Map's.
    /// </summary>
    public static class DistributedResumeBenchmark
    {
        private const int Items = 10_000;
        private const int Failed = 51;
        private const int Aborted = 100;
        private const int Succeeded = 4_000;
        private const int Concurrency = 8;
        private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

        public static int Run()
        {
            Environment.SetEnvironmentVariable(AwsConnection.PacingVariable, "On");
            using var world = new FailedMapRunWorld(Items, Failed, Aborted, Succeeded);
            var quotas = new QuotaBuckets(world.Handle);
            var startedOnly = 0;
            var childHistories = 0;
            var childDescribes = 0;
            using var endpoint = new LoopbackEndpoint(
                request =>
                {
                    if (request.Operation == "GetExecutionHistory" && request.Body.Contains("ProcessOrders:c", StringComparison.Ordinal))
                    {
                        // A child's ExecutionStarted event alone (its input), or a page of a failed child's history.
                        Interlocked.Increment(ref request.Body.Contains("\"maxResults\":1,", StringComparison.Ordinal) || request.Body.Contains("\"maxResults\":1}", StringComparison.Ordinal) ? ref startedOnly : ref childHistories);
                    }

                    if (request.Operation == "DescribeExecution" && request.Body.Contains("ProcessOrders:c", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref childDescribes);
                    }

                    return FailedMapRunWorld.IsStepFunctions(request) ? quotas.Handle(request) : world.Handle(request);
                },
                Latency);

            var lines = BulkRun.RunInPwsh(
                "param($manifest, $parent, $url) Import-Module $manifest; $clock = [Diagnostics.Stopwatch]::StartNew(); "
                + "$r = Invoke-SfnRedrive $parent -Method GoTo -Force -EndpointUrl $url -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret -ProgressAction SilentlyContinue -WarningAction SilentlyContinue; "
                + "\"$($r.Status) $($r.Precision) $($r.ItemsRunAgainByGoTo) $($clock.Elapsed.TotalSeconds)\"",
                new { parent = world.ParentArn, url = endpoint.Url });
            var parts = lines.Last().Split(' ');
            if (parts[0] != "Started" || parts[1] != "Precise" || parts[2] != "6000")
            {
                throw new InvalidOperationException($"Invoke-SfnRedrive said {lines.Last()}; Started Precise 6000 expected");
            }

            var wall = double.Parse(parts[3], CultureInfo.InvariantCulture);
            var floor = quotas.Floor(Latency, Concurrency).TotalSeconds;
            int Calls(string operation) => quotas.Accepted(operation);

            Console.WriteLine($"Distributed Map resume, {Items:N0} items: {Failed} failed at the 2nd of 2 Task states, {Aborted} aborted, {Succeeded:N0} succeeded, {Items - Failed - Aborted - Succeeded:N0} never started");
            Console.WriteLine($"Invoke-SfnRedrive -Method GoTo in a fresh pwsh; {Latency.TotalMilliseconds} ms latency, large-region buckets, paced");
            Console.WriteLine();
            Console.WriteLine($"{"reading and resuming",-40}{"calls",10}{"per child",12}");
            foreach (var operation in new[] { "DescribeExecution", "GetExecutionHistory", "ListExecutions", "DescribeMapRun", "DescribeStateMachineForExecution", "CreateStateMachine", "StartExecution" })
            {
                Console.WriteLine($"{operation,-40}{Calls(operation),10:N0}{(double)Calls(operation) / (Failed + Aborted + Succeeded),12:F3}");
            }

            Console.WriteLine($"{"all Step Functions calls",-40}{quotas.TotalAccepted,10:N0}{(double)quotas.TotalAccepted / (Failed + Aborted + Succeeded),12:F3}   throttled {quotas.TotalThrottled:N0}");
            Console.WriteLine($"{"S3 calls (GET items, HEAD, PUT file)",-40}{world.S3.Requests.Count,10:N0}");
            Console.WriteLine($"per failed or aborted child: {(double)childHistories / (Failed + Aborted):F3} history pages; per succeeded child: {(double)(startedOnly + childDescribes) / Succeeded:F3} input reads ({startedOnly:N0} first events, {childDescribes:N0} DescribeExecution)");
            var describeOnlyFloor = (Succeeded - QuotaBuckets.LargeRegion["DescribeExecution"].Burst) / QuotaBuckets.LargeRegion["DescribeExecution"].Refill;
            Console.WriteLine();
            Console.WriteLine($"wall time {wall:F1} s, floor {floor:F1} s, ratio {wall / floor:F2}x (floor had every succeeded input been read by DescribeExecution alone: {describeOnlyFloor:F1} s)");

            // What the resumed Map Run runs: the item file through the copy's Map, under the interpreter.
            var key = JsonNode.Parse(world.Server.Started.Single().Input)!["resuming"]!["replay"]!["key"]!.GetValue<string>();
            var copy = new GoToRewriter().Rewrite(world.Variant.Definition);
            var calls = world.RunItemFile(copy.Definition, world.Server.Started.Single().Input, world.S3.Get(FailedMapRunWorld.Bucket, key)!);
            var taskCalls = calls.Values.Sum(c => c.States.Count);
            Console.WriteLine();
            Console.WriteLine($"{"resumed Map Run",-40}{"precise",10}{"whole Map",12}{"ratio",8}");
            Console.WriteLine($"{"child executions",-40}{calls.Count,10:N0}{Items,12:N0}{(double)calls.Count / Items,8:F2}");
            Console.WriteLine($"{"Task calls in the children",-40}{taskCalls,10:N0}{Items * 2,12:N0}{(double)taskCalls / (Items * 2),8:F2}");
            Console.WriteLine($"{"item file bytes",-40}{world.S3.Get(FailedMapRunWorld.Bucket, key)!.Length,10:N0}");
            Console.WriteLine($"{"definition: original / copy (chars)",-40}{world.Variant.Definition.Length,10:N0}{copy.Definition.Length,12:N0}");
            return 0;
        }
    }
}
