using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// Runs a script from tests/oracles and reads the JSON lines it prints, with the Node.js the oracles pin
    /// (the npm package node@22: aws-local-stepfunctions 3 runs Parallel and Map only on Node 22), or the
    /// machine's node when that binary is missing.
    /// </summary>
    public static class NodeOracle
    {
        public static IReadOnlyList<JsonElement> Run(string script, IEnumerable<string> arguments, string? standardInput = null)
        {
            if (!Directory.Exists(Path.Combine(TestPaths.Oracles, "node_modules")))
            {
                throw new InvalidOperationException($"The npm oracles are not installed: run 'npm ci' in {TestPaths.Oracles} (.ci/run does).");
            }

            var pinned = Path.Combine(TestPaths.Oracles, "node_modules", ".bin", OperatingSystem.IsWindows() ? "node.cmd" : "node");
            var start = new ProcessStartInfo(File.Exists(pinned) ? pinned : "node")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = TestPaths.Oracles,
            };
            start.ArgumentList.Add(Path.Combine(TestPaths.Oracles, script));
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(standardInput ?? string.Empty);
            process.StandardInput.Close();
            if (!process.WaitForExit(300_000))
            {
                process.Kill();
                throw new TimeoutException($"{script} did not finish within 5 minutes.");
            }

            Task.WaitAll(output, errors);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{script} exited with {process.ExitCode}: {errors.Result}");
            }

            return output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        }
    }
}
