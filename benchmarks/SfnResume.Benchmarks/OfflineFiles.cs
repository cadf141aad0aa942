using System.IO;
using System.Text.Json;

namespace SfnResume.Benchmarks
{
    /// <summary>The offline benchmarks' history files, one per shape, each with the definition it ran.</summary>
    public static class OfflineFiles
    {
        /// <summary>Pass states with unique names (<see cref="SyntheticHistory"/>).</summary>
        public const string Pass = "pass";

        /// <summary>A Lambda workflow: Task states in a Map, three names repeated thousands of times (<see cref="LambdaWorkflowHistory"/>).</summary>
        public const string Lambda = "lambda";

        private const string PassDefinition = "{\"StartAt\":\"Step0\",\"States\":{\"Step0\":{\"Type\":\"Pass\",\"Next\":\"Finish\"},\"Finish\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true}}}";

        /// <summary>Writes the history and definition of <paramref name="shape"/> to the temp folder.</summary>
        public static Pair Write(string shape)
        {
            var folder = Path.Combine(Path.GetTempPath(), "sfnresume-bench");
            Directory.CreateDirectory(folder);
            var history = Path.Combine(folder, $"history-{shape}.json");
            var definition = Path.Combine(folder, $"definition-{shape}.json");
            int events;
            if (shape == Lambda)
            {
                events = LambdaWorkflowHistory.Write(history);
                File.WriteAllText(definition, LambdaWorkflowHistory.Definition);
            }
            else
            {
                SyntheticHistory.Write(history);
                events = SyntheticHistory.EventCount;
                File.WriteAllText(definition, PassDefinition);
            }

            return new Pair(history, definition, events);
        }

        /// <summary>The floor any tool pays: the file loaded into a System.Text.Json DOM.</summary>
        public static int DomLoad(string history)
        {
            using var stream = File.OpenRead(history);
            using var document = JsonDocument.Parse(stream);
            return document.RootElement.GetProperty("events").GetArrayLength();
        }

        public sealed class Pair
        {
            public Pair(string history, string definition, int events)
            {
                History = history;
                Definition = definition;
                Events = events;
            }

            public string History { get; }

            public string Definition { get; }

            public int Events { get; }
        }
    }
}
