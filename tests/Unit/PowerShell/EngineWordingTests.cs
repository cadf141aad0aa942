using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// The engine raises codes and facts; only the cmdlet layer knows cmdlets and their parameters, and says
    /// what to do in their terms (ErrorPolicy, ConnectionWords). A message or note written in the engine that
    /// names a parameter is wrong in every caller but one: '-Input' in Invoke-SfnRedrive, which has none.
    /// </summary>
    public sealed class EngineWordingTests
    {
        // Text between double quotes on one line: plain and interpolated literals (the engine has no multi-line ones).
        private static readonly Regex Literal = new Regex(@"\$?""(?:[^""\\]|\\.)*""", RegexOptions.CultureInvariant);

        // -StateName, -Input, -Precision: a dash that starts a word, then a capitalised word (not X-Amz-Target).
        private static readonly Regex ParameterName = new Regex(@"(?<![\w-])-[A-Z][a-z]+(?:[A-Z][a-z]*)*\b", RegexOptions.CultureInvariant);

        // Get-SfnFailurePoint, Set-DefaultAWSRegion: a PowerShell verb, a dash, a noun.
        private static readonly Regex CmdletName = new Regex(@"\b(?:Get|Set|New|Invoke|Test|Save|Start|Stop|Remove|Use|Import|Export|ConvertTo|ConvertFrom)-[A-Z]\w+", RegexOptions.CultureInvariant);

        /// <summary>
        /// The engine's files whose job is to describe the commands themselves: the permission catalog says which
        /// command makes which call, and the README's permissions section is written from it. They name commands
        /// and parameters the way the README does; no message of theirs is raised for one cmdlet.
        /// </summary>
        private static readonly string[] DescribeTheCommands =
        {
            Path.Combine("src", "SfnResume.Core", "Permissions", "PermissionCatalog.cs"),
            Path.Combine("src", "SfnResume.Core", "Permissions", "PermissionsReadme.cs"),
        };

        public static IEnumerable<object[]> EngineFiles() => Directory
            .EnumerateFiles(Path.Combine(TestPaths.RepositoryRoot, "src", "SfnResume.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            .Where(f => !DescribeTheCommands.Contains(Path.GetRelativePath(TestPaths.RepositoryRoot, f)))
            .Select(f => new object[] { Path.GetRelativePath(TestPaths.RepositoryRoot, f) });

        [Theory]
        [MemberData(nameof(EngineFiles))]
        public void No_string_in_the_engine_names_a_cmdlet_or_a_parameter(string file)
        {
            var found = new List<string>();
            var lines = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, file));
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimStart();
                if (line.StartsWith("//", System.StringComparison.Ordinal) || line.StartsWith("[", System.StringComparison.Ordinal))
                {
                    // Comments may name what they explain; attributes carry no user-facing text.
                    continue;
                }

                foreach (Match literal in Literal.Matches(lines[i]))
                {
                    foreach (var name in ParameterName.Matches(literal.Value).Cast<Match>().Concat(CmdletName.Matches(literal.Value).Cast<Match>()))
                    {
                        found.Add($"line {i + 1}: {name.Value} in {literal.Value}");
                    }
                }
            }

            Assert.Empty(found);
        }

        [Fact]
        public void The_check_finds_what_it_looks_for()
        {
            Assert.Matches(ParameterName, "\"Pass -StateName.\"");
            Assert.Matches(ParameterName, "$\"-InputPatch is not valid JSON: {e.Message}\"");
            Assert.Matches(CmdletName, "\"Use New-SfnGoToStateMachine to choose one.\"");
            Assert.Matches(CmdletName, "\"run Set-DefaultAWSRegion\"");
            Assert.DoesNotMatch(ParameterName, "\"X-Amz-Target\"");
            Assert.DoesNotMatch(ParameterName, "\"application/x-amz-json-1.0\"");
            Assert.DoesNotMatch(ParameterName, "\"re-runs whole\"");
        }
    }
}
