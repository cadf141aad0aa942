using System;
using System.Management.Automation;
using SfnResume.Aws;
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
        protected override void EndProcessing()
        {
            if (Targets.Count == 0)
            {
                return;
            }

            var (batch, dispatcher) = CreateBatch(new TransientRetry());
            try
            {
                foreach (var item in Plan(batch, dispatcher))
                {
                    if (item.Error != null)
                    {
                        WriteItemError(item.Error, item.ExecutionArn);
                    }
                    else
                    {
                        WriteObject(RedriveBatch.PlannedResult(item));
                    }
                }
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                CompleteProgress();
                dispatcher.Dispose();
            }
        }
    }
}
