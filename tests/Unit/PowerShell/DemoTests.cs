using System.IO;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>The README's first command runs the offline demo; it must keep working without AWS.</summary>
    public sealed class DemoTests
    {
        [Fact]
        public void The_offline_demo_finds_where_the_example_execution_failed()
        {
            var run = PwshProcess.RunFile(Path.Combine(TestPaths.RepositoryRoot, "examples", "demo.ps1"));

            Assert.True(run.ExitCode == 0, run.Errors);
            Assert.Equal(string.Empty, run.Errors);
            Assert.Contains("FailedStatePath : Parallel 2 > branch 2 > Parallel Step 2, Process 2", run.Output);
            Assert.Contains("ResumeState     : Parallel 2", run.Output);
            Assert.Contains("Error           : Lambda.Unknown", run.Output);
            Assert.Contains("StartAt         : GoToState (was Parallel)", run.Output);
            Assert.Contains("\"resuming\":{\"state\":\"Parallel 2\"", run.Output);
        }
    }
}
