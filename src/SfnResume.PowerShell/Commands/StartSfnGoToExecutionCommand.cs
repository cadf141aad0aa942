using System;
using System.Management.Automation;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.PowerShell.Completers;
using SfnResume.PowerShell.Internal;

namespace SfnResume.PowerShell.Commands
{
    /// <summary>
    /// Starts a GoTo copy with its resuming input: the last step of
    /// Get-SfnFailurePoint | New-SfnGoToStateMachine | Start-SfnGoToExecution, for shells without AWS.Tools.StepFunctions.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "SfnGoToExecution", SupportsShouldProcess = true, HelpUri = HelpLinks.StartSfnGoToExecution)]
    [OutputType(typeof(StartExecutionResponse))]
    public sealed class StartSfnGoToExecutionCommand : SfnAwsCmdlet
    {
        /// <summary>The state machine to start (the GoTo copy).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StateMachineArnCompleter))]
        public string StateMachineArn { get; set; } = string.Empty;

        /// <summary>The execution input (JSON).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        public string? Input { get; set; }

        /// <summary>The new execution's name; a UUID when omitted.</summary>
        [Parameter]
        [ValidateLength(1, 80)]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            if (!StateMachineArns.IsValid(StateMachineArn))
            {
                WriteError(ErrorRecords.Create("InvalidStateMachineArn", ErrorCategory.InvalidArgument, StateMachineArn, $"'{StateMachineArn}' is not a state machine ARN.",
                    "Pipe New-SfnGoToStateMachine, or pass an ARN like arn:aws:states:us-east-1:123456789012:stateMachine:Orders-goto."));
                return;
            }

            if (!ShouldProcess(StateMachineArn, "Start an execution"))
            {
                return;
            }

            try
            {
                var started = GetClient().StartExecutionAsync(new StartExecutionRequest { StateMachineArn = StateMachineArn, Input = string.IsNullOrEmpty(Input) ? "{}" : Input, Name = Name }, CancellationToken).GetAwaiter().GetResult();
                WriteObject(started);
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception e) when (ErrorRecords.IsExpected(e))
            {
                WriteAwsError(e, StateMachineArn);
            }
            catch (Exception e) when (!ErrorRecords.IsFatal(e))
            {
                WriteError(ErrorRecords.Internal(e, StateMachineArn));
            }
        }
    }
}
