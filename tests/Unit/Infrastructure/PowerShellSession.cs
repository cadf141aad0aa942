using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// A fresh PowerShell engine in this process with the staged module imported through its manifest, as
    /// a user's shell would have it. CreateDefault2 gives the core cmdlets only (no Select-Object or
    /// ConvertTo-Json), so test scripts use the language and .NET types.
    /// </summary>
    public sealed class PowerShellSession : IDisposable
    {
        private readonly Runspace runspace;

        /// <param name="host">A host that answers prompts (see <see cref="AnsweringHost"/>); none by default.</param>
        public PowerShellSession(bool importModule = true, System.Management.Automation.Host.PSHost? host = null)
        {
            runspace = host == null
                ? RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2())
                : RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
            runspace.Open();
            if (importModule)
            {
                var import = Run("Import-Module -Name $manifest -ErrorAction Stop -PassThru", new Dictionary<string, object?> { ["manifest"] = TestPaths.StagedManifest });
                if (import.Errors.Count > 0)
                {
                    throw new InvalidOperationException("Import-Module failed: " + string.Join("; ", import.Errors));
                }

                Module = (PSModuleInfo)import.Output.Single().BaseObject;
            }
        }

        public PSModuleInfo? Module { get; }

        /// <summary>Runs a script; <paramref name="variables"/> are set as shell variables first.</summary>
        public PowerShellResult Run(string script, IDictionary<string, object?>? variables = null)
        {
            using var shell = CreateShell();
            if (variables != null)
            {
                foreach (var variable in variables)
                {
                    runspace.SessionStateProxy.SetVariable(variable.Key, variable.Value);
                }
            }

            shell.AddScript(script);
            try
            {
                var output = shell.Invoke();
                return new PowerShellResult(output.ToList(), shell.Streams, terminatingError: null);
            }
            catch (RuntimeException e)
            {
                return new PowerShellResult(new List<PSObject>(), shell.Streams, e.ErrorRecord);
            }
        }

        /// <summary>A PowerShell instance on this session's runspace, for tests that drive it themselves (BeginInvoke, Stop).</summary>
        public System.Management.Automation.PowerShell CreateShell()
        {
            var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = runspace;
            return shell;
        }

        public void Dispose()
        {
            runspace.Dispose();
        }
    }
}
