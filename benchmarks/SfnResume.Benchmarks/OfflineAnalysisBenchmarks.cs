using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using SfnResume.History;

namespace SfnResume.Benchmarks
{
    /// <summary>
    /// Get-SfnFailurePoint -Path on 25,000-event histories with execution data, against the floor any tool
    /// pays: loading the same file into a System.Text.Json DOM. Two shapes (<see cref="OfflineFiles"/>):
    /// Pass states with unique names, and a Lambda workflow whose few state names repeat thousands of times.
    /// </summary>
    [MemoryDiagnoser]
    [SimpleJob(warmupCount: 2, iterationCount: 8)]
    public class OfflineAnalysisBenchmarks
    {
        private OfflineFiles.Pair files = new OfflineFiles.Pair(string.Empty, string.Empty, 0);

        [Params(OfflineFiles.Pass, OfflineFiles.Lambda)]
        public string Shape { get; set; } = OfflineFiles.Pass;

        [GlobalSetup]
        public void Setup()
        {
            files = OfflineFiles.Write(Shape);
            Console.WriteLine($"// {Shape} history file: {new FileInfo(files.History).Length / 1024.0 / 1024.0:F1} MiB, {files.Events} events");
        }

        [Benchmark(Baseline = true, Description = "JsonDocument.Parse (DOM load)")]
        public int DomLoad() => OfflineFiles.DomLoad(files.History);

        [Benchmark(Description = "failure point from file")]
        public string? FailurePointFromFile()
        {
            return new FailurePointLocator().LocateInFile(files.History, files.Definition).ResumeState;
        }

        [Benchmark(Description = "failure point from file, no definition")]
        public string? FailurePointFromFileWithoutDefinition()
        {
            return new FailurePointLocator().LocateInFile(files.History, null).ResumeState;
        }
    }
}
