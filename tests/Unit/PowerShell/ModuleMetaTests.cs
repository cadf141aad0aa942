using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// What every user meets first: the staged module imports through its manifest and each cmdlet is
    /// complete (output type, help, examples, -WhatIf where it changes something).
    /// </summary>
    public sealed class ModuleMetaTests : IDisposable
    {
        // Verbs that only read; any other verb changes something and must support -WhatIf/-Confirm.
        private static readonly HashSet<string> ReadOnlyVerbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Get", "Test", "Find", "Search", "Measure", "Show", "Read", "Watch", "Wait", "Resolve" };

        private readonly PowerShellSession session = new PowerShellSession();
        public void Dispose() => session.Dispose();

        private IReadOnlyList<CmdletInfo> ExportedCmdlets()
        {
            var result = session.Run("Get-Command -Module SfnResume -CommandType Cmdlet");
            Assert.Empty(result.Errors);
            return result.Output.Select(o => (CmdletInfo)o.BaseObject).ToList();
        }

        [Fact]
        public void Every_note_goes_through_WriteNote_and_no_prompt_text_is_empty()
        {
            // WriteNote turns a note into a debug line under -Debug, where a verbose line is followed by a bare
            // "Continue with this operation?", and never writes empty text. A direct call would bypass both.
            var source = Path.Combine(TestPaths.RepositoryRoot, "src", "SfnResume.PowerShell");
            var found = new List<string>();
            foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    var line = lines[i].Trim();
                    if (line.StartsWith("//", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if ((line.Contains("WriteVerbose(", StringComparison.Ordinal) || line.Contains("WriteDebug(", StringComparison.Ordinal)) && Path.GetFileName(file) != "SfnAwsCmdlet.cs")
                    {
                        found.Add($"{Path.GetFileName(file)}:{i + 1}: {line}");
                    }

                    if ((line.Contains("ShouldProcess(", StringComparison.Ordinal) || line.Contains("ShouldContinue(", StringComparison.Ordinal)) && (line.Contains("\"\"", StringComparison.Ordinal) || line.Contains("string.Empty", StringComparison.Ordinal)))
                    {
                        found.Add($"{Path.GetFileName(file)}:{i + 1}: {line}");
                    }
                }
            }

            Assert.Empty(found);
        }

        [Fact]
        public void The_staged_manifest_passes_Test_ModuleManifest()
        {
            var result = session.Run("Test-ModuleManifest -Path $manifest", new Dictionary<string, object?> { ["manifest"] = TestPaths.StagedManifest });

            Assert.Empty(result.Errors);
            var manifest = (PSModuleInfo)result.Output.Single().BaseObject;
            Assert.Equal("SfnResume", manifest.Name);
            Assert.Equal(new Version(5, 1), manifest.PowerShellVersion);
            Assert.Equal(new[] { "Core", "Desktop" }, manifest.CompatiblePSEditions.OrderBy(e => e, StringComparer.Ordinal));
            Assert.Contains("SfnResume.Format.ps1xml", manifest.ExportedFormatFiles.Select(Path.GetFileName));
        }

        [Fact]
        public void The_staged_manifest_is_the_repository_manifest_unchanged()
        {
            Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "SfnResume.psd1")), File.ReadAllText(TestPaths.StagedManifest));
            Assert.EndsWith(Path.Combine("out", "SfnResume", session.Module!.Version.ToString(3), "SfnResume.psd1"), TestPaths.StagedManifest);
        }

        [Fact]
        public void Every_cmdlet_the_manifest_lists_is_there_and_nothing_else()
        {
            var listed = session.Run("(Test-ModuleManifest -Path $manifest).ExportedCmdlets.Keys", new Dictionary<string, object?> { ["manifest"] = TestPaths.StagedManifest })
                .Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            var found = ExportedCmdlets().Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();

            Assert.NotEmpty(listed);
            Assert.Equal(listed, found);
            Assert.Empty(session.Module!.ExportedFunctions);
            Assert.Empty(session.Module.ExportedAliases);
            Assert.Empty(session.Module.ExportedVariables);
        }

        [Fact]
        public void Every_cmdlet_declares_its_output_type()
        {
            Assert.All(ExportedCmdlets(), cmdlet => Assert.True(cmdlet.OutputType.Count > 0, $"{cmdlet.Name} has no [OutputType]"));
        }

        [Fact]
        public void Every_cmdlet_that_changes_something_supports_WhatIf_and_Confirm()
        {
            var changing = ExportedCmdlets().Where(c => !ReadOnlyVerbs.Contains(c.Verb)).ToList();

            Assert.NotEmpty(changing);
            Assert.All(changing, cmdlet =>
            {
                Assert.True(cmdlet.Parameters.ContainsKey("WhatIf"), $"{cmdlet.Name} has no -WhatIf");
                Assert.True(cmdlet.Parameters.ContainsKey("Confirm"), $"{cmdlet.Name} has no -Confirm");
            });
        }
    }
}
