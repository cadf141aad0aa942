using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using SfnResume.Tests.History;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>Ctrl+C (the pipeline's Stop) ends offline analyses of long histories at once.</summary>
    public sealed class GetSfnFailurePointStopTests : IDisposable
    {
        private const int Files = 24;
        private readonly string folder = Directory.CreateTempSubdirectory("sfnresume-stop-").FullName;
        private readonly PowerShellSession session = new PowerShellSession();

        public GetSfnFailurePointStopTests()
        {
            var text = "{\"events\":[" + string.Join(",", HandBuiltHistoryTests.LongHistoryFailingAtTheEnd().Events) + "]}";
            for (var i = 0; i < Files; i++)
            {
                File.WriteAllText(Path.Combine(folder, $"run-{i:D2}.json"), text);
            }
        }

        public void Dispose()
        {
            session.Dispose();
            Directory.Delete(folder, recursive: true);
        }

        [Fact]
        public void Stop_ends_the_analysis_of_many_25000_event_histories_within_a_second()
        {
            using var shell = session.CreateShell();
            shell.AddScript($"Get-SfnFailurePoint -Path '{Path.Combine(folder, "*.json")}'");
            var output = new PSDataCollection<PSObject>();
            shell.BeginInvoke<PSObject, PSObject>(null, output);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (output.Count == 0 && DateTime.UtcNow < deadline && shell.InvocationStateInfo.State == PSInvocationState.Running)
            {
                Thread.Sleep(10);
            }

            var clock = Stopwatch.StartNew();
            shell.Stop();
            clock.Stop();

            Assert.True(output.Count >= 1, $"no analysis finished: {shell.InvocationStateInfo.State} {shell.InvocationStateInfo.Reason}");
            Assert.Equal("Finish", output.First().Properties["ResumeState"].Value);
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.True(output.Count < Files, "every file was analysed before Stop: the test stopped nothing");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {clock.Elapsed.TotalMilliseconds:F0} ms");
        }
    }
}
