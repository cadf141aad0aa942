using System;
using System.Management.Automation;
using SfnResume.Aws;
using SfnResume.Copies;
using SfnResume.PowerShell.Completers;
using SfnResume.PowerShell.Internal;

namespace SfnResume.PowerShell.Commands
{
    /// <summary>
    /// Deletes GoTo copies SfnResume made, and refuses every other state machine: one without the sfnresume
    /// tags and the copy's name is never deleted. A copy that runs executions is kept unless -IncludeRunning,
    /// because AWS stops a deleted machine's executions at their next state transition.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "SfnGoToStateMachine", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.RemoveSfnGoToStateMachine)]
    [OutputType(typeof(GoToCopy))]
    public sealed class RemoveSfnGoToStateMachineCommand : SfnAwsCmdlet
    {
        /// <summary>The copy to delete; binds from strings and from objects with a StateMachineArn (Get-SfnGoToStateMachine, New-SfnGoToStateMachine).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StateMachineArnCompleter))]
        public string[] StateMachineArn { get; set; } = Array.Empty<string>();

        /// <summary>Delete a copy that runs executions too (they are stopped at their next state transition), or an Express copy, whose executions cannot be listed.</summary>
        [Parameter]
        public SwitchParameter IncludeRunning { get; set; }

        /// <summary>Delete without asking for confirmation (-WhatIf still only shows what would be deleted).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Counts the calls repeated after throttling or a passing failure, for the verbose summary.</summary>
        private TransientRetry Retry { get; } = new TransientRetry();

        /// <summary>Every call is retried by <see cref="Retry"/>; the SDK's retries would nest inside its own.</summary>
        protected override int? SdkRetries => 0;

        protected override void ProcessRecord()
        {
            foreach (var arn in StateMachineArn)
            {
                if (!StateMachineArns.IsValid(arn) || StateMachineArns.IsQualified(arn))
                {
                    WriteError(ErrorRecords.Create("InvalidStateMachineArn", ErrorCategory.InvalidArgument, arn,
                        StateMachineArns.IsValid(arn) ? $"'{arn}' names a version or an alias, not a state machine." : $"'{arn}' is not a state machine ARN.",
                        "Pipe Get-SfnGoToStateMachine, or pass a copy's ARN like arn:aws:states:us-east-1:123456789012:stateMachine:Orders-goto."));
                    continue;
                }

                RunItem(new ItemScope(arn, ItemStep.CallingAws), () => Remove(arn));
            }
        }

        protected override void EndProcessing()
        {
            if (Retry.Retries > 0)
            {
                WriteNote($"{Retry.Retries} call(s) were throttled or failed for a passing reason and were retried with backoff.");
            }
        }

        private void Remove(string arn)
        {
            var remover = new GoToCopyRemover(GetClient(arn), Retry);
            var copy = remover.CheckAsync(arn, IncludeRunning, CancellationToken).GetAwaiter().GetResult();
            if (copy.Status == GoToCopyStatus.Deleting)
            {
                WriteNote($"'{copy.StateMachineName}' is being deleted already: nothing was sent.");
                WriteObject(copy);
                return;
            }

            if (!ShouldDelete(copy))
            {
                return;
            }

            WriteObject(remover.RemoveAsync(copy, IncludeRunning, CancellationToken).GetAwaiter().GetResult());
        }

        /// <summary>One confirmation per copy, saying what it is and what deleting it stops. -Force answers yes unless -Confirm was asked for.</summary>
        private bool ShouldDelete(GoToCopy copy)
        {
            var lastRun = copy.LastStartDate is DateTime started ? $"last started {started:yyyy-MM-dd HH:mm}Z" : copy.RunningExecutions == null ? "Express: its executions cannot be listed" : "never started";
            var running = copy.RunningExecutions switch
            {
                null => string.Empty,
                0 => ", no execution running",
                1 => ", and stop its running execution",
                var n => $", and stop its {n} running executions",
            };
            var action = $"Delete the GoTo copy '{copy.StateMachineName}' of '{StateMachineArns.NameOf(copy.SourceStateMachineArn)}' ({lastRun}){running}";
            var whatIf = MyInvocation.BoundParameters.ContainsKey("WhatIf") || LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
            var asks = !Force || whatIf || MyInvocation.BoundParameters.ContainsKey("Confirm");
            if (!asks)
            {
                WriteNote($"{copy.StateMachineArn}: {action}.");
                return true;
            }

            return ShouldProcess(copy.StateMachineArn, action);
        }
    }
}
