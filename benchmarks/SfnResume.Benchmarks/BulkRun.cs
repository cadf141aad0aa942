using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Text.Json;
using SfnResume.Tests.Infrastructure;

namespace SfnResume.Benchmarks
{
    /// <summary>What the bulk figures share: eligible failed executions on a loopback server, the staged module run in a hosted engine, and the exactly-once check.</summary>
    public static class BulkRun
    {
        /// <summary>A server holding <paramref name="count"/> executions of Orders that failed yesterday, all eligible for redrive.</summary>
        public static (RedriveServer Server, string[] Arns) FailedYesterday(int count)
        {
            var server = new RedriveServer();
            server.AddMachine("Orders", OrdersMachine.Definition, DateTime.UtcNow.AddDays(-400));
            var history = OrdersMachine.FailedAtCharge();
            var arns = Enumerable.Range(0, count)
                .Select(i => server.AddExecution("Orders", $"run-{i:D4}", DateTime.UtcNow.AddDays(-2).AddSeconds(i), DateTime.UtcNow.AddDays(-1), history))
                .ToArray();
            return (server, arns);
        }

        /// <summary>Fails unless every execution was redriven exactly once.</summary>
        public static void CheckRedrivenOnce(RedriveServer server, string[] arns)
        {
            var once = arns.Count(a => server.Redrives.TryGetValue(a, out var n) && n == 1);
            if (once != arns.Length)
            {
                throw new InvalidOperationException($"{once} of {arns.Length} executions were redriven once.");
            }
        }

        /// <summary>
        /// Runs <paramref name="script"/> in a fresh hosted engine; its first parameter is the staged manifest,
        /// the others <paramref name="arguments"/>. Fails unless it wrote <paramref name="results"/> objects and no error.
        /// </summary>
        public static void Invoke(string script, int results, params object[] arguments)
        {
            var output = Run(script, arguments);
            if (output.Count != results)
            {
                throw new InvalidOperationException($"{output.Count} results, {results} expected");
            }
        }

        /// <summary>
        /// Runs <paramref name="script"/> in a fresh real pwsh, as a user's shell runs it: a process of its own, in
        /// which nothing of SfnResume, the AWS SDK or the loopback endpoint was compiled before (in a hosted engine,
        /// the endpoint's code and the command's share one process and its compiled framework code). The script's
        /// parameters are the staged manifest and <paramref name="arguments"/>, each member a parameter of its name.
        /// Its output lines; fails on any error.
        /// </summary>
        public static IReadOnlyList<string> RunInPwsh(string script, object arguments)
        {
            // Too long for a command line: the arguments go through a file.
            var file = Path.GetTempFileName();
            try
            {
                File.WriteAllText(file, JsonSerializer.Serialize(arguments));
                static string Quoted(string path) => "'" + path.Replace("'", "''") + "'";
                var (exitCode, output, errors) = PwshProcess.Run(
                    "$ErrorActionPreference = 'Stop'; $arguments = Get-Content -Raw -LiteralPath " + Quoted(file) + " | ConvertFrom-Json -AsHashtable; "
                    + "$arguments.manifest = " + Quoted(TestPaths.StagedManifest) + "; & { " + script + " } @arguments",
                    timeout: TimeSpan.FromMinutes(15));
                if (exitCode != 0 || errors.Length > 0)
                {
                    throw new InvalidOperationException($"pwsh ended with {exitCode}: {errors}");
                }

                return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToList();
            }
            finally
            {
                File.Delete(file);
            }
        }

        /// <summary>Runs <paramref name="script"/> as <see cref="Invoke"/> does; its output, unwrapped. Fails on any error.</summary>
        public static IReadOnlyList<object> Run(string script, params object[] arguments)
        {
            using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            using var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript(script).AddArgument(typeof(BulkRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "StagedModuleManifest").Value);
            foreach (var argument in arguments)
            {
                shell.AddArgument(argument);
            }

            var output = shell.Invoke();
            if (shell.HadErrors)
            {
                throw new InvalidOperationException($"errors: {string.Join("; ", shell.Streams.Error.Take(5))}");
            }

            return output.Select(o => o.BaseObject).ToList();
        }
    }
}
