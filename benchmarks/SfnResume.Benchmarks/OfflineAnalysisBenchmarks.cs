using System;
using System.IO;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using SfnResume.History;

namespace SfnResume.Benchmarks
{
    /// <summary>
    /// Get-SfnFailurePoint -Path on a 25,000-event history with execution data, against the floor any tool
    /// pays: loading the same file into a System.Text.Json DOM.
    /// </summary>
    [MemoryDiagnoser]
    [SimpleJob(warmupCount: 2, iterationCount: 8)]
    public class OfflineAnalysisBenchmarks
    {
        private string historyPath = string.Empty;
        private string definitionPath = string.Empty;

        [GlobalSetup]
        public void Setup()
        {
            var folder = Path.Combine(Path.GetTempPath(), "sfnresume-bench");
            Directory.CreateDirectory(folder);
            historyPath = Path.Combine(folder, "history-25000.json");
            definitionPath = Path.Combine(folder, "definition.json");
            SyntheticHistory.Write(historyPath);
            File.WriteAllText(definitionPath, "{\"StartAt\":\"Step0\",\"States\":{\"Step0\":{\"Type\":\"Pass\",\"Next\":\"Finish\"},\"Finish\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true}}}");
            Console.WriteLine($"// history file: {new FileInfo(historyPath).Length / 1024.0 / 1024.0:F1} MiB, {SyntheticHistory.EventCount} events");
        }

        [Benchmark(Baseline = true, Description = "JsonDocument.Parse (DOM load)")]
        public int DomLoad()
        {
            using var stream = File.OpenRead(historyPath);
            using var document = JsonDocument.Parse(stream);
            return document.RootElement.GetProperty("events").GetArrayLength();
        }

        [Benchmark(Description = "failure point from file")]
        public string? FailurePointFromFile()
        {
            return new FailurePointLocator().LocateInFile(historyPath, definitionPath).ResumeState;
        }

        [Benchmark(Description = "failure point from file, no definition")]
        public string? FailurePointFromFileWithoutDefinition()
        {
            return new FailurePointLocator().LocateInFile(historyPath, null).ResumeState;
        }
    }
}
