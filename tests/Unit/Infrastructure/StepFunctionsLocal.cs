using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Model;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// The stepfunctions-local API server (npm, installed by .ci/run from tests/oracles) on 127.0.0.1, started
    /// by the test and stopped with it. An independent Step Functions implementation: what it accepts and
    /// answers was written by nobody on this project. Known limits: execution ARNs come back with region
    /// "local", and a Parallel of activity tasks dies with a TypeError, so tests use it only where it holds.
    /// </summary>
    public sealed class StepFunctionsLocal : IDisposable
    {
        private readonly Process process;

        public StepFunctionsLocal()
        {
            var launcher = Path.Combine(TestPaths.Oracles, "sfn-local.js");
            if (!Directory.Exists(Path.Combine(TestPaths.Oracles, "node_modules", "stepfunctions-local")))
            {
                throw new InvalidOperationException($"stepfunctions-local is not installed: run 'npm ci' in {TestPaths.Oracles} (.ci/run does).");
            }

            var start = new ProcessStartInfo("node", $"\"{launcher}\" 0")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = TestPaths.Oracles,
            };
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();

            var firstLine = Task.Run(() => process.StandardOutput.ReadLine());
            if (!firstLine.Wait(TimeSpan.FromSeconds(30)) || firstLine.Result == null || !firstLine.Result.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                Dispose();
                throw new InvalidOperationException("stepfunctions-local did not start listening within 30 s.");
            }

            Url = $"http://127.0.0.1:{firstLine.Result.Substring("LISTENING ".Length).Trim()}/";
        }

        public string Url { get; } = string.Empty;

        /// <summary>Polls an execution on the emulator until it is no longer RUNNING (20 s at most); returns its last description.</summary>
        public static async Task<DescribeExecutionResponse> Ended(IStepFunctionsClient client, string executionArn)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            DescribeExecutionResponse execution;
            do
            {
                execution = await client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = executionArn });
                if (execution.Status != "RUNNING")
                {
                    break;
                }

                await Task.Delay(100);
            }
            while (DateTime.UtcNow < deadline);
            return execution;
        }

        public void Dispose()
        {
            try
            {
                // Closing standard input ends the launcher; kill it if it does not go.
                process.StandardInput.Close();
                if (!process.WaitForExit(5000))
                {
                    process.Kill();
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }
    }
}
