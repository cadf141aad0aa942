using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SfnResume.Definitions;
using SfnResume.GoTo;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>The recorded ASL definitions (tests/fixtures/aws-definitions), and which of them can be copied.</summary>
    public static class DefinitionFixtures
    {
        public static string Folder => Path.Combine(TestPaths.Fixtures, "aws-definitions");

        public static IReadOnlyList<string> All() => Directory.GetFiles(Folder, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToList();

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
