using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// Runs a script in a fresh real pwsh: the version pinned in .config/dotnet-tools.json, started with
    /// `dotnet tool run pwsh` from the repository root, in a process that has loaded nothing of SfnResume or
    /// the AWS SDK beforehand.
    /// </summary>
    public static class PwshProcess
    {
        /// <param name="timeout">How long the script may run before it is killed; two minutes when omitted (a benchmark's floor can be longer).</param>
        public static (int ExitCode, string Output, string Errors) Run(string script, IDictionary<string, string>? environment = null, System.TimeSpan? timeout = null)
            => Start(new[] { "-Command", script }, environment, timeout);

        /// <summary>Runs a script file, as the README's demo command does.</summary>
        public static (int ExitCode, string Output, string Errors) RunFile(string path) => Start(new[] { "-File", path }, null, null);

        private static (int ExitCode, string Output, string Errors) Start(string[] arguments, IDictionary<string, string>? environment, System.TimeSpan? timeout)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = TestPaths.RepositoryRoot,
            };
            foreach (var argument in new[] { "tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive" })
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var variable in environment ?? new Dictionary<string, string>())
            {
                start.Environment[variable.Key] = variable.Value;
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? System.TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
            }

            Task.WaitAll(output, errors);
            return (process.ExitCode, output.Result, errors.Result);
        }
    }
}
