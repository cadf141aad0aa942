using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using SfnResume.GoTo;
using SfnResume.GoTo.Distributed;

namespace SfnResume.Benchmarks
{
    /// <summary>
    /// <c>--distributed</c>: what the precise resume of a failed Distributed Map costs against re-running the
    /// whole Map, side by side, on the acceptance Map Run (10,000 items from an S3 JSON file; 51 children failed
    /// at their second of three Task states, 100 aborted, 4,000 succeeded, 5,849 never started): the child runs
    /// and Task calls the resumed Map Run makes, the calls it takes to read the Map Run and write the item file,
    /// the bytes written, the definition and input sizes, the wall-time floor the API quotas set, and the time
    /// the planner takes.
    /// </summary>
    public static class DistributedResumeBenchmark
    {
        private const int Items = 10_000;
        private const int Failed = 51;
        private const int Aborted = 100;
        private const int Succeeded = 4_000;

        /// <summary>DescribeExecution's bucket in the large regions (sfn-reference.md §5): 300, refilled at 15 a second.</summary>
        private const double DescribeBurst = 300;
        private const double DescribeRefill = 15;

        public static int Run()
        {
            const string task = "\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\"";
            var definition = "{\"StartAt\":\"Process\",\"States\":{\"Process\":{\"Type\":\"Map\",\"ItemReader\":{\"Resource\":\"arn:aws:states:::s3:getObject\",\"ReaderConfig\":{\"InputType\":\"JSON\"},"
                + "\"Parameters\":{\"Bucket\":\"orders-bucket\",\"Key\":\"items.json\"}},\"ResultPath\":null,\"MaxConcurrency\":100,\"ToleratedFailureCount\":50,\"End\":true,"
                + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"STANDARD\"},\"StartAt\":\"Fetch\",\"States\":{"
                + "\"Fetch\":{" + task + ",\"Next\":\"Transform\"},\"Transform\":{" + task + ",\"Next\":\"Store\"},\"Store\":{" + task + ",\"End\":true}}}}}}";
            var items = Enumerable.Range(0, Items).Select(i => $"{{\"id\":{i},\"sku\":\"s-{i % 97}\"}}").ToList();
            var children = new List<MapRunChild>();
            var order = Enumerable.Range(0, Items).OrderBy(i => (i * 7919) % Items).ToArray();
            for (var n = 0; n < Failed + Aborted + Succeeded; n++)
            {
                var i = order[n];
                var status = n < Failed ? MapRunChildStatus.Failed : n < Failed + Aborted ? MapRunChildStatus.Aborted : MapRunChildStatus.Succeeded;
                var child = new MapRunChild(status, items[i]);
                if (status != MapRunChildStatus.Succeeded)
                {
                    child.ResumeState = status == MapRunChildStatus.Failed ? "Transform" : "Fetch";
                    child.ResumeInput = items[i];
                }

                children.Add(child);
            }

            var rewrite = Stopwatch.StartNew();
            var copy = new GoToRewriter().Rewrite(definition);
            rewrite.Stop();
            var run = new DistributedMapRun("Process", "{}", new MapItemSource(ItemSourceKind.S3Json, "orders-bucket", "items.json") { Items = items }, children) { RecordedItemCount = Items };
            DistributedResumePlanner.Plan(run, copy, definition, null);
            var planning = Stopwatch.StartNew();
            var plan = DistributedResumePlanner.Plan(run, copy, definition, null);
            planning.Stop();
            var input = ResumingInput.Create("Process", "{}", new Dictionary<string, string>(), copy.Variables, plan.Replay.ReplayJson);

            var started = children.Count;
            var unfinished = Failed + Aborted;
            var listPages = (started + 999) / 1000;
            var describes = started;
            var histories = unfinished;
            var floor = Math.Max(0, (describes - DescribeBurst) / DescribeRefill);
            var preciseTasks = Failed * 2 + Aborted * 3 + (Items - started) * 3;

            Console.WriteLine($"Distributed Map resume, {Items:N0} items: {Failed} failed at the 2nd of 3 Task states, {Aborted} aborted, {Succeeded:N0} succeeded, {Items - started:N0} never started");
            Row("", "precise", "whole Map", "ratio");
            Row("child executions started", plan.ItemFile!.Count, Items);
            Row("Task calls in the children", preciseTasks, Items * 3);
            Row("reads of the Map Run (SFN calls)", 1 + listPages + describes + histories, 0, $"DescribeMapRun 1, ListExecutions {listPages}, DescribeExecution {describes:N0}, GetExecutionHistory {histories}");
            Row("  per failed or aborted child", 2, 0, "DescribeExecution + one newest-first history page");
            Row("  per succeeded child", 1, 0, "DescribeExecution (its input tells which item it ran)");
            Row("S3 calls", 3, 0, "GetObject (items), HeadObject, PutObject (item file)");
            Row("bytes written to S3", plan.ItemFile.ByteCount, 0);
            Row("resuming input bytes", Encoding.UTF8.GetByteCount(input), Encoding.UTF8.GetByteCount(ResumingInput.Create("Process", "{}", new Dictionary<string, string>(), copy.Variables)));
            Console.WriteLine($"{"definition: original / copy",-36}{definition.Length,14:N0}{copy.Definition.Length,14:N0}   characters (the copy holds the twin; limit 1,048,576)");
            Console.WriteLine($"{"quota floor of the reads (s)",-36}{floor,14:N1}{0,14:N1}   DescribeExecution {DescribeBurst:N0} then {DescribeRefill:N0}/s, large regions");
            Console.WriteLine($"{"rewrite / plan (ms, this machine)",-36}{rewrite.Elapsed.TotalMilliseconds,14:N1}{planning.Elapsed.TotalMilliseconds,14:N1}   matching {started:N0} children to {Items:N0} items");
            return 0;
        }

        private static void Row(string what, string precise, string whole, string ratio) =>
            Console.WriteLine($"{what,-36}{precise,14}{whole,14}{ratio,10}");

        private static void Row(string what, long precise, long whole, string? note = null) =>
            Console.WriteLine($"{what,-36}{precise,14:N0}{whole,14:N0}{(whole == 0 ? "-" : ((double)precise / whole).ToString("F2", CultureInfo.InvariantCulture)),10}{(note == null ? string.Empty : "   " + note)}");
    }
}
