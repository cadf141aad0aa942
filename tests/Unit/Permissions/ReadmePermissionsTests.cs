using System;
using System.IO;
using SfnResume.Permissions;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Permissions
{
    /// <summary>The README's permissions per command are the catalog's, written by PermissionsReadme: one source for the policy, the README and the tests.</summary>
    public sealed class ReadmePermissionsTests
    {
        [Fact]
        public void The_READMEs_permissions_section_is_what_the_catalog_writes()
        {
            var readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
            var from = readme.IndexOf(PermissionsReadme.Begin, StringComparison.Ordinal);
            var to = readme.IndexOf(PermissionsReadme.End, StringComparison.Ordinal);

            Assert.True(from >= 0 && to > from, "The README has no generated permissions section.");

            // After changing the catalog: ./build.ps1 -Task Build, then pwsh tools/Readme/Update-ReadmePermissions.ps1.
            Assert.Equal(PermissionsReadme.Markdown(), readme.Substring(from, to + PermissionsReadme.End.Length + 1 - from));
        }
    }
}
