using System;
using System.Linq;
using System.Management.Automation;

namespace SfnResume.PowerShell.Completers
{
    /// <summary>
    /// The session state of the shell a completer runs in: its current location (to resolve a relative
    /// -DefinitionPath) and its variables (the AWS.Tools shell defaults). A completer runs inside the
    /// completion pipeline, where Runspace.SessionStateProxy refuses to be used; a nested pipeline on the
    /// same runspace is allowed, and it hands over $ExecutionContext.SessionState.
    /// </summary>
    internal static class CompletionSession
    {
        public static SessionState? Current()
        {
            try
            {
                using var shell = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
                return shell.AddScript("$ExecutionContext.SessionState").Invoke().Select(o => o.BaseObject).OfType<SessionState>().FirstOrDefault();
            }
            catch (Exception e) when (e is InvalidOperationException || e is PSInvalidOperationException || e is RuntimeException)
            {
                // No runspace on this thread (a completer called from outside a shell).
                return null;
            }
        }
    }
}
