using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>Runs a script in tools/SfnResume.Host: a fresh process with a fresh PowerShell engine.</summary>
    public static class HostProcess
    {
        public static (int ExitCode, string Output, string Errors) Run(string script, IDictionary<string, string>? environment = null)
            => Start(new[] { "-Command", script }, environment);

        /// <summary>Runs a script file, as the README's demo command does.</summary>
        public static (int ExitCode, string Output, string Errors) RunFile(string path) => Start(new[] { "-File", path }, null);

        private static (int ExitCode, string Output, string Errors) Start(string[] arguments, IDictionary<string, string>? environment)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(TestPaths.Host);
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
            if (!process.WaitForExit(120_000))
            {
                process.Kill();
            }

            Task.WaitAll(output, errors);
            return (process.ExitCode, output.Result, errors.Result);
        }
    }
}
