using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;

namespace SfnResume.Benchmarks
{
    /// <summary>
    /// <c>--offline [runs]</c>: the offline analysis of both history shapes against <c>JsonDocument.Parse</c> of
    /// the same file, in one table. In the engine: BenchmarkDotNet's means (<see cref="OfflineAnalysisBenchmarks"/>,
    /// with the definition). Through the cmdlet: <c>Get-SfnFailurePoint -Path -DefinitionPath</c> as a user's
    /// first command in a fresh real pwsh (module imported first, not timed), against <c>JsonDocument.Parse</c>
    /// of the file as the first call in another fresh pwsh: each the median of <paramref name="runs"/> processes.
    /// </summary>
    public static class OfflineSideBySide
    {
        private const string PwshScript = @"param($manifest, $history, $definition, $what)
            Import-Module $manifest
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            if ($what -eq 'parse') {
                $stream = [System.IO.File]::OpenRead($history)
                try { $document = [System.Text.Json.JsonDocument]::Parse($stream); $null = $document.RootElement.GetProperty('events').GetArrayLength(); $document.Dispose() }
                finally { $stream.Dispose() }
            } else {
                $point = Get-SfnFailurePoint -Path $history -DefinitionPath $definition
                if (-not $point.FailedState) { throw 'no failure point' }
            }
            $clock.Stop()
            $clock.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)";

        public static int Run(int runs)
        {
            var config = DefaultConfig.Instance.AddFilter(new NameFilter(name => name != nameof(OfflineAnalysisBenchmarks.FailurePointFromFileWithoutDefinition)));
            var summary = BenchmarkRunner.Run<OfflineAnalysisBenchmarks>(config);
            double EngineMs(string shape, string method) => summary.Reports
                .Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method && (string)r.BenchmarkCase.Parameters["Shape"] == shape)
                .ResultStatistics!.Mean / 1e6;

            var rows = new List<string>();
            foreach (var shape in new[] { OfflineFiles.Pass, OfflineFiles.Lambda })
            {
                var files = OfflineFiles.Write(shape);
                var parses = new List<double>();
                var commands = new List<double>();
                for (var run = 0; run < runs; run++)
                {
                    // Alternate which goes first, so that neither always meets a busier moment of the machine.
                    var first = run % 2 == 0 ? "parse" : "cmdlet";
                    foreach (var what in new[] { first, first == "parse" ? "cmdlet" : "parse" })
                    {
                        (what == "parse" ? parses : commands).Add(InFreshPwsh(files, what));
                    }
                }

                var dom = EngineMs(shape, nameof(OfflineAnalysisBenchmarks.DomLoad));
                var analysis = EngineMs(shape, nameof(OfflineAnalysisBenchmarks.FailurePointFromFile));
                var ratios = parses.Zip(commands, (p, c) => c / p).ToList();
                rows.Add(string.Format(
                    CultureInfo.InvariantCulture,
                    "| {0} ({1:N0} events, {2:F1} MiB) | {3:F1} ms | {4:F1} ms | {5:F2} | {6:F0} ms | {7:F0} ms | {8:F2} ({9:F2} to {10:F2}) |",
                    shape, files.Events, new FileInfo(files.History).Length / 1024.0 / 1024.0, dom, analysis, analysis / dom,
                    Median(parses), Median(commands), Median(commands) / Median(parses), ratios.Min(), ratios.Max()));
            }

            Console.WriteLine();
            Console.WriteLine($"Engine: BenchmarkDotNet means. Fresh pwsh: medians of {runs} processes each; the last ratio's range is run by run.");
            Console.WriteLine("| file | JsonDocument.Parse, engine | analysis, engine | ratio | JsonDocument.Parse, first call in fresh pwsh | Get-SfnFailurePoint, first command in fresh pwsh | ratio (range) |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            rows.ForEach(Console.WriteLine);
            return 0;
        }

        private static double InFreshPwsh(OfflineFiles.Pair files, string what)
        {
            var output = BulkRun.RunInPwsh(PwshScript, new { history = files.History, definition = files.Definition, what });
            return double.Parse(output.Last(), CultureInfo.InvariantCulture);
        }

        private static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }
}
