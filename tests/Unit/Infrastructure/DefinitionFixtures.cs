using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SfnResume.Definitions;
using SfnResume.GoTo;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// The recorded ASL definitions (tests/fixtures/aws-definitions), and which of them can be copied. Set
    /// SFNRESUME_DEFINITIONS to a folder of other definitions (hold-outs the project has never seen) to run
    /// every check on definitions against them too.
    /// </summary>
    public static class DefinitionFixtures
    {
        public const string HoldOutVariable = "SFNRESUME_DEFINITIONS";

        public static string Folder => Path.Combine(TestPaths.Fixtures, "aws-definitions");

        public static IReadOnlyList<string> All()
        {
            var files = Directory.GetFiles(Folder, "*.json").ToList();
            var holdOut = Environment.GetEnvironmentVariable(HoldOutVariable);
            if (!string.IsNullOrEmpty(holdOut))
            {
                files.AddRange(Directory.GetFiles(holdOut, "*.json").Where(IsJsonObject));
            }

            return files.OrderBy(f => f, StringComparer.Ordinal).ToList();
        }

        /// <summary>Hold-outs found in the wild include templates that are not JSON until deployed; they are not definitions yet.</summary>
        private static bool IsJsonObject(string file)
        {
            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
                return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object;
            }
            catch (System.Text.Json.JsonException)
            {
                return false;
            }
        }

        /// <summary>
        /// The definitions GoToRewriter copies: all but those Step Functions would not run either (one template
        /// for LocalStack's TestState API has a StartAt that names no state). The validator test checks that
        /// every refused one is invalid ASL.
        /// </summary>
        public static IReadOnlyList<string> Rewritable() => All().Where(file => Refusal(file) == null).ToList();

        /// <summary>Why the rewriter refuses the file, or null when it copies it.</summary>
        public static string? Refusal(string file)
        {
            try
            {
                new GoToRewriter().Rewrite(File.ReadAllText(file));
                return null;
            }
            catch (DefinitionFormatException e)
            {
                return e.Message;
            }
        }
    }
}
