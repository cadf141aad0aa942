using System;
using System.Diagnostics;
using System.IO;
using BenchmarkDotNet.Running;
using SfnResume.History;

namespace SfnResume.Benchmarks
{
    /// <summary>
    /// BenchmarkDotNet suites, plus <c>--fuzz [cases]</c> (the mutation fuzzer's large run, <see cref="FuzzRun"/>), <c>--promise [shapes] [first seed]</c> (precise resume on generated concurrent histories, <see cref="PromiseRun"/>), <c>--quota [list|arns|streaming|wait]</c> (bulk redrive against AWS's token buckets, <see cref="QuotaBenchmark"/>; all parts, or the one named), <c>--express</c> (1,000 failed Express executions found among 50,000 in a log group, FilterLogEvents against Logs Insights, <see cref="ExpressSearchBenchmark"/>), <c>--bulk</c> (see <see cref="BulkRedriveBenchmark"/>), <c>--distributed</c> (a Distributed Map's precise resume against the whole Map, <see cref="DistributedResumeBenchmark"/>), <c>--maprun [failed children]</c> (the Distributed Map drill-down against AWS's token buckets, <see cref="MapRunBenchmark"/>), <c>--offline [runs]</c> (both offline history shapes, engine and cmdlet side by side, <see cref="OfflineSideBySide"/>) and <c>--peak</c>: the peak working set of one offline analysis and of one DOM
    /// load of the same 25,000-event file, each in a fresh process (BenchmarkDotNet's allocation figure hides
    /// the buffers JsonDocument rents from the shared pool, so it is no measure of its memory).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 1 && args[0] == "--distributed")
            {
                return DistributedResumeBenchmark.Run();
            }

            if (args.Length == 1 && args[0] == "--bulk")
            {
                return BulkRedriveBenchmark.Run();
            }

            if (args.Length == 1 && args[0] == "--express")
            {
                return ExpressSearchBenchmark.Run();
            }

            if (args.Length >= 1 && args.Length <= 2 && args[0] == "--maprun")
            {
                return MapRunBenchmark.Run(args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000);
            }

            if (args.Length >= 1 && args.Length <= 2 && args[0] == "--quota")
            {
                return QuotaBenchmark.Run(args.Length == 2 ? args[1] : null);
            }

            if (args.Length >= 1 && args[0] == "--fuzz")
            {
                return FuzzRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
            }

            if (args.Length >= 1 && args[0] == "--promise")
            {
                var shapes = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2_000;
                return PromiseRun.Run(args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1, shapes);
            }

            if (args.Length >= 1 && args.Length <= 2 && args[0] == "--offline")
            {
                return OfflineSideBySide.Run(args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
            }

            if (args.Length >= 1 && args[0] == "--peak")
            {
                return args.Length == 1 ? RunPeakSuite() : MeasureOnce(args[1], args[2]);
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }

        private static int RunPeakSuite()
        {
            var history = Path.Combine(Path.GetTempPath(), "sfnresume-peak-history.json");
            SyntheticHistory.Write(history);
            Console.WriteLine($"25,000-event history with execution data: {new FileInfo(history).Length / 1024.0 / 1024.0:F1} MiB");
            foreach (var mode in new[] { "baseline", "dom", "analysis" })
            {
                var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
                start.ArgumentList.Add(typeof(Program).Assembly.Location);
                start.ArgumentList.Add("--peak");
                start.ArgumentList.Add(mode);
                start.ArgumentList.Add(history);
                using var process = Process.Start(start)!;
                Console.Write(process.StandardOutput.ReadToEnd());
                process.WaitForExit();
            }

            return 0;
        }

        private static int MeasureOnce(string mode, string history)
        {
            var clock = Stopwatch.StartNew();
            string answer = mode switch
            {
                "dom" => OfflineFiles.DomLoad(history) + " events",
                "analysis" => new FailurePointLocator().LocateInFile(history, null).ResumeState ?? "?",
                _ => "nothing loaded",
            };
            clock.Stop();
            using var self = Process.GetCurrentProcess();
            Console.WriteLine($"{mode,-9} peak working set {self.PeakWorkingSet64 / 1024.0 / 1024.0,7:F1} MiB, {clock.ElapsedMilliseconds,5} ms cold ({answer})");
            return 0;
        }
    }
}
