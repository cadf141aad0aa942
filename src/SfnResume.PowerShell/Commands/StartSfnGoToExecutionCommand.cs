using System;
using System.Management.Automation;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.PowerShell.Completers;
using SfnResume.PowerShell.Internal;
using SfnResume.Redrive;

namespace SfnResume.PowerShell.Commands
{
    /// <summary>
    /// Starts a GoTo copy with its resuming input: the last step of
    /// Get-SfnFailurePoint | New-SfnGoToStateMachine | Start-SfnGoToExecution, for shells without AWS.Tools.StepFunctions.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "SfnGoToExecution", SupportsShouldProcess = true, HelpUri = HelpLinks.StartSfnGoToExecution)]
    [OutputType(typeof(StartedExecution))]
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

        /// <summary>
        /// The new execution's name; from New-SfnGoToStateMachine, the resume's own name (derived from the failed
        /// execution and the attempt), so the same resume starts once; a UUID when omitted.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            if (!StateMachineArns.IsValid(StateMachineArn))
            {
                WriteError(ErrorRecords.Create("InvalidStateMachineArn", ErrorCategory.InvalidArgument, StateMachineArn, $"'{StateMachineArn}' is not a state machine ARN.",
                    "Pipe New-SfnGoToStateMachine, or pass an ARN like arn:aws:states:us-east-1:123456789012:stateMachine:Orders-goto."));
                return;
            }

            var name = string.IsNullOrEmpty(Name) ? null : Name;
            if (name != null && ResumedRunNames.Problem(name) is { } problem)
            {
                WriteError(ErrorRecords.Create("InvalidExecutionName", ErrorCategory.InvalidArgument, name, $"AWS would refuse the execution name '{name}': {problem}",
                    "Use letters, digits, '-' and '_' (CloudWatch Logs logging accepts no others), at most 80 characters."));
                return;
            }

            if (!ShouldProcess(StateMachineArn, name == null ? "Start an execution" : $"Start execution '{name}'"))
            {
                return;
            }

            RunItem(new ItemScope(StateMachineArn, ItemStep.CallingAws), () => Start(name));
        }

        private void Start(string? name)
        {
            var client = GetClient(StateMachineArn);
            StartExecutionResponse started;
            try
            {
                started = client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = StateMachineArn, Input = string.IsNullOrEmpty(Input) ? "{}" : Input, Name = name }, CancellationToken).GetAwaiter().GetResult();
            }
            catch (StepFunctionsException e) when (e.ErrorCode == "ExecutionAlreadyExists" && name != null)
            {
                // This resume was started before (a retried pipeline): report that run, start nothing.
                var existing = client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = ExecutionArns.For(StateMachineArn, name), IncludedData = "METADATA_ONLY" }, CancellationToken).GetAwaiter().GetResult();
                WriteWarning($"'{name}' was started already, on {existing.StartDate:u}, and is {existing.Status}: nothing was started.");
                WriteObject(new StartedExecution { ExecutionArn = existing.ExecutionArn, StateMachineArn = StateMachineArn, StartDate = existing.StartDate, Status = existing.Status, AlreadyStarted = true });
                return;
            }

            WriteObject(new StartedExecution { ExecutionArn = started.ExecutionArn, StateMachineArn = StateMachineArn, StartDate = started.StartDate });
        }
    }
}
