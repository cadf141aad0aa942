using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace SfnResume.Host
{
    /// <summary>
    /// Runs one PowerShell script: <c>SfnResume.Host -File script.ps1 [args...]</c> or <c>SfnResume.Host -Command "..."</c>.
    /// Output objects are printed with PowerShell's default formatting when available, as text otherwise;
    /// errors go to standard error, and the exit code is 1 when the script wrote any error.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length < 2 || (args[0] != "-File" && args[0] != "-Command"))
            {
                Console.Error.WriteLine("usage: SfnResume.Host -File <script.ps1> [arguments] | -Command <text>");
                return 2;
            }

            using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            if (args[0] == "-File")
            {
                shell.AddCommand(Path.GetFullPath(args[1]));
                for (var i = 2; i < args.Length; i++)
                {
                    if (args[i].StartsWith("-", StringComparison.Ordinal) && i + 1 < args.Length)
                    {
                        shell.AddParameter(args[i].Substring(1), args[++i]);
                    }
                    else
                    {
                        shell.AddArgument(args[i]);
                    }
                }
            }
            else
            {
                shell.AddScript(args[1]);
            }

            shell.Streams.Error.DataAdded += (sender, e) => Console.Error.WriteLine("ERROR: " + ((PSDataCollection<ErrorRecord>)sender!)[e.Index]);
            shell.Streams.Warning.DataAdded += (sender, e) => Console.Error.WriteLine("WARNING: " + ((PSDataCollection<WarningRecord>)sender!)[e.Index]);
            shell.Streams.Information.DataAdded += (sender, e) => Console.WriteLine(((PSDataCollection<InformationRecord>)sender!)[e.Index].MessageData);
            var output = new PSDataCollection<PSObject>();
            output.DataAdded += (sender, e) => Console.WriteLine(((PSDataCollection<PSObject>)sender!)[e.Index]);
            try
            {
                shell.Invoke(null, output);
            }
            catch (RuntimeException e)
            {
                Console.Error.WriteLine("ERROR: " + e.ErrorRecord);
                return 1;
            }

            return shell.HadErrors ? 1 : 0;
        }
    }
}
