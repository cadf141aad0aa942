using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
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
        /// <summary>
        /// The Express resumes started in each session (runspace), by copy and name: AWS does not recognise a second
        /// start of an Express run (StartExecution is not idempotent for Express workflows), so the same object
        /// started twice is recognised here; across sessions, New-SfnGoToStateMachine finds the run in the log group.
        /// </summary>
        private static readonly ConditionalWeakTable<Runspace, ConcurrentDictionary<string, StartedExecution>> ExpressStartsBySession = new ConditionalWeakTable<Runspace, ConcurrentDictionary<string, StartedExecution>>();

        private static ConcurrentDictionary<string, StartedExecution> ExpressStarted
            => ExpressStartsBySession.GetValue(Runspace.DefaultRunspace, _ => new ConcurrentDictionary<string, StartedExecution>(StringComparer.Ordinal));

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

        /// <summary>
        /// From New-SfnGoToStateMachine: the run that already resumes the execution. For an Express resume nothing is
        /// started then (AWS would start another run). Bound from the piped object, not typed.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? ResumedExecutionArn { get; set; }

        /// <summary>From New-SfnGoToStateMachine: the status of <see cref="ResumedExecutionArn"/>.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? ResumedStatus { get; set; }

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

            if (name != null && ExpressResumeStarted(name) is { } existing)
            {
                WriteWarning($"'{name}' was started already ('{existing.ExecutionArn}', {existing.Status}): nothing was started. StartExecution is not idempotent for Express workflows, so starting it again would start another run.");
                WriteObject(existing);
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

            var run = new StartedExecution { ExecutionArn = started.ExecutionArn, StateMachineArn = StateMachineArn, StartDate = started.StartDate };
            if (name != null && ExecutionArns.IsExpress(started.ExecutionArn))
            {
                ExpressStarted[StartKey(name)] = new StartedExecution { ExecutionArn = run.ExecutionArn, StateMachineArn = StateMachineArn, StartDate = run.StartDate, AlreadyStarted = true };
            }

            WriteObject(run);
        }

        /// <summary>
        /// The Express run that already resumes under this name: the one New-SfnGoToStateMachine found in the log
        /// group, or one this process started. Null for a Standard resume, which AWS itself recognises by its name.
        /// </summary>
        private StartedExecution? ExpressResumeStarted(string name)
        {
            if (!string.IsNullOrEmpty(ResumedExecutionArn) && ExecutionArns.IsExpress(ResumedExecutionArn!))
            {
                return new StartedExecution { ExecutionArn = ResumedExecutionArn!, StateMachineArn = StateMachineArn, Status = string.IsNullOrEmpty(ResumedStatus) ? "RUNNING" : ResumedStatus!, AlreadyStarted = true };
            }

            return ExpressStarted.TryGetValue(StartKey(name), out var started) ? started : null;
        }

        /// <summary>A resume's key: its copy and name, and the endpoint they are on (an emulator's copy is not AWS's).</summary>
        private string StartKey(string name) => (EndpointUrl ?? string.Empty) + "|" + StateMachineArn + "|" + name;
    }
}
