using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// The 2017 example (tests/fixtures/seed): its definition, its real failed history, and the definition as
    /// a team might have "fixed" it since: 'Parallel 2' now hands its branches a <c>foo</c> from its input,
    /// which the recorded input of 'Parallel 2' does not have, so a resume with that input fails again.
    /// </summary>
    public static class SeedMachine
    {
        public static string Folder => Path.Combine(TestPaths.Fixtures, "seed");

        public static string HistoryPath => Path.Combine(Folder, "sample_execution_history.json");

        public static string Definition => File.ReadAllText(Path.Combine(Folder, "ParallelStateMachine.asl.json"));

        /// <summary>The recorded input of 'Parallel 2' (event 16), as the history has it.</summary>
        public static string RecordedInput => "{\"Message\":\"Your message here\",\"output\":[{\"Message\":\"Your message here\"},{\"Message\":\"Your message here\"}]}";

        /// <summary>That input with the <c>foo</c> the fixed definition reads.</summary>
        public static string CorrectedInput => "{\"Message\":\"Your message here\",\"output\":[{\"Message\":\"Your message here\"},{\"Message\":\"Your message here\"}],\"foo\":\"bar\"}";

        /// <summary>The definition with 'Parallel 2' reading <c>$.foo</c> in its Parameters.</summary>
        public static string FixedDefinitionReadingFoo()
        {
            var definition = JsonNode.Parse(Definition)!;
            definition["States"]!["Parallel 2"]!["Parameters"] = new JsonObject { ["foo.$"] = "$.foo", ["output.$"] = "$.output" };
            return definition.ToJsonString();
        }

        /// <summary>The history's events as wire-format JSON objects, one string each.</summary>
        public static IReadOnlyList<string> Events()
        {
            using var document = JsonDocument.Parse(File.ReadAllText(HistoryPath));
            return document.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetRawText()).ToList();
        }
    }
}
