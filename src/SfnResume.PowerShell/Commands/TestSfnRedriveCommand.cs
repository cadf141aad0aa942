using System.Management.Automation;
using SfnResume.PowerShell.Internal;
using SfnResume.Redrive;

namespace SfnResume.PowerShell.Commands
{
    /// <summary>
    /// Shows what Invoke-SfnRedrive would do with each execution, and why, without changing anything: the
    /// same reads, the same decisions, no RedriveExecution, CreateStateMachine or StartExecution.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "SfnRedrive", DefaultParameterSetName = FailurePointSet, HelpUri = HelpLinks.TestSfnRedrive)]
    [OutputType(typeof(RedriveResult))]
    public sealed class TestSfnRedriveCommand : SfnRedriveCmdlet
    {
        // The batch only plans (the base class's options): every item is answered as planned, skipped or failed.
    }
}
