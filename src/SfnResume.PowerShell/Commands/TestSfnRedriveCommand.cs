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
        private protected override void Configure(RedriveBatch redriveBatch, PipelineDispatcher pipeline)
        {
            redriveBatch.Decided = item => pipeline.Post(() =>
            {
                if (item.Error != null)
                {
                    WriteItemError(item.Error, item.ExecutionArn);
                }
                else
                {
                    WriteObject(RedriveBatch.PlannedResult(item));
                }
            });
        }
    }
}
