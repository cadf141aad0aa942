using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.GoTo
{
    /// <summary>
    /// The GoTo copy of every definition the project has (the recorded ones, the seed, the example, and those the
    /// GoTo tests build, kept in tests/golden/goto/definitions with a few hand-made edge cases) must equal the copy
    /// stored in tests/golden/goto/copies byte for byte, with the same added states, twins and reasons for
    /// untwinned containers. The stored copies were written by the generator before it was reshaped: a change
    /// of shape must not change a copy. A change meant to change copies regenerates them with
    /// SFNRESUME_WRITE_GOLDEN=1 and shows the difference in its commit.
    /// </summary>
    public sealed class GoToGoldenTests
    {
        public const string WriteVariable = "SFNRESUME_WRITE_GOLDEN";

        private static string Golden => Path.Combine(TestPaths.RepositoryRoot, "tests", "golden", "goto");

        private static string Copies => Path.Combine(Golden, "copies");

        /// <summary>Each definition, as a folder name and a path relative to the repository.</summary>
        public static IEnumerable<object[]> Definitions()
        {
            var root = TestPaths.RepositoryRoot;
            var folders = new[]
            {
                Path.Combine("tests", "fixtures", "aws-definitions"),
                Path.Combine("tests", "golden", "goto", "definitions"),
            };
            var files = folders.SelectMany(folder => Directory.GetFiles(Path.Combine(root, folder), "*.json"))
                .Append(Path.Combine(root, "tests", "fixtures", "seed", "ParallelStateMachine.asl.json"))
                .Append(Path.Combine(root, "examples", "parallel.asl.json"));
            return files.Select(file => Path.GetRelativePath(root, file).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal).Select(f => new object[] { f });
        }

        [Fact]
        public void Every_definition_has_a_stored_copy_and_every_stored_copy_a_definition()
        {
            var expected = Definitions().Select(d => StoredName((string)d[0])).ToHashSet(StringComparer.Ordinal);
            var stored = Directory.GetFiles(Copies, "*", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) != "generated")
                .Select(f => Path.GetRelativePath(Copies, f).Replace('\\', '/'))
                .Select(f => f.Substring(0, f.IndexOf(".goto.", StringComparison.Ordinal)))
                .ToHashSet(StringComparer.Ordinal);

            Assert.True(expected.Count >= 240, $"only {expected.Count} definitions");
            Assert.Equal(expected.OrderBy(n => n, StringComparer.Ordinal), stored.OrderBy(n => n, StringComparer.Ordinal));
        }

        [Theory]
        [MemberData(nameof(Definitions))]
        public void The_copy_is_the_stored_one_byte_for_byte(string definitionFile)
        {
            var text = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, definitionFile));
            var stored = Path.Combine(Copies, StoredName(definitionFile));
            var (copy, summary) = Rewrite(text);

            if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(stored)!);
                if (copy != null)
                {
                    File.WriteAllText(stored + ".goto.json", copy);
                }

                File.WriteAllText(stored + ".goto.summary.json", summary);
                return;
            }

            Assert.Equal(File.Exists(stored + ".goto.json") ? File.ReadAllText(stored + ".goto.json") : null, copy);
            Assert.Equal(File.ReadAllText(stored + ".goto.summary.json"), summary);
        }

        /// <summary>
        /// Definitions too large to keep as files, made here: with replay copies the first's copy would pass Step
        /// Functions' 1 MB limit, so it is written without them; the second's copy is over the limit even so.
        /// Their copies are stored as a length and a SHA-256.
        /// </summary>
        [Theory]
        [InlineData("size-fallback", 300)]
        [InlineData("over-the-limit", 520)]
        public void A_copy_near_the_size_limit_is_the_stored_one(string name, int states)
        {
            var comment = new string('c', 2000);
            var branchStates = Enumerable.Range(0, states).Select(i => $"\"S{i}\":{{\"Type\":\"Pass\",\"Comment\":\"{comment}\"," + (i < states - 1 ? $"\"Next\":\"S{i + 1}\"}}" : "\"End\":true}"));
            var definition = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Parallel\",\"End\":true,\"Branches\":[{\"StartAt\":\"S0\",\"States\":{" + string.Join(",", branchStates) + "}}]}}}";
            var stored = Path.Combine(Copies, "generated", name + ".goto.summary.json");

            // The reasons quote sizes with the current culture's digit grouping; the stored ones were written invariant.
            var culture = System.Globalization.CultureInfo.CurrentCulture;
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            var (copy, summary) = Rewrite(definition);
            System.Globalization.CultureInfo.CurrentCulture = culture;
            summary = summary.Insert(summary.IndexOf('{') + 1, Environment.NewLine + "  \"CopyLength\": " + (copy?.Length ?? 0) + "," + Environment.NewLine + "  \"CopySha256\": \"" + GoToCopyNames.Hex(copy ?? string.Empty) + "\",");

            if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(stored)!);
                File.WriteAllText(stored, summary);
                return;
            }

            Assert.Equal(File.ReadAllText(stored), summary);
        }

        /// <summary>The stored name: the definition's path under the folder the test reads it from, without ".json".</summary>
        private static string StoredName(string definitionFile)
        {
            var parts = definitionFile.Split('/');
            return parts[parts.Length - 2] + "/" + Path.GetFileNameWithoutExtension(parts[parts.Length - 1]);
        }

        /// <summary>The copy's text (null when refused), and what else the rewriter says about it, as indented JSON.</summary>
        private static (string? Copy, string Summary) Rewrite(string definition)
        {
            try
            {
                var copy = new GoToRewriter().Rewrite(definition);
                var summary = new
                {
                    copy.ChoiceState,
                    copy.QueryLanguage,
                    copy.AddedStates,
                    copy.Targets,
                    copy.Variables,
                    Twins = copy.Twins.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value),
                    Untwinned = copy.Untwinned.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value),
                };
                return (copy.Definition, JsonSerializer.Serialize(summary, SummaryOptions));
            }
            catch (DefinitionFormatException e)
            {
                return (null, JsonSerializer.Serialize(new { Refused = e.Message }, SummaryOptions));
            }
        }

        private static readonly JsonSerializerOptions SummaryOptions = new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
    }
}
