using System.IO;
using System.Linq;
using System.Reflection;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>Where the build put things, as recorded in the test assembly at build time.</summary>
    public static class TestPaths
    {
        public static string StagedManifest => Metadata("StagedModuleManifest");

        public static string RepositoryRoot => Metadata("RepositoryRoot");

        /// <summary>The recorded AWS data the tests read (tests/fixtures: its README names source and licence).</summary>
        public static string Fixtures => Path.Combine(RepositoryRoot, "tests", "fixtures");

        /// <summary>An AWSSDK.Core build other than the module's, standing in for the one AWS.Tools.Common ships.</summary>
        public static string AwsToolsStandInSdk => Metadata("AwsToolsStandInSdk");

        public static string Oracles => Path.Combine(RepositoryRoot, "tests", "oracles");

        private static string Metadata(string key)
        {
            return typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
        }
    }
}
