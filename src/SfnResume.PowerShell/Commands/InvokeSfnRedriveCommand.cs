using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.GoTo;
using SfnResume.GoTo.Distributed;
using SfnResume.PowerShell.Internal;
using SfnResume.Preflight;
using SfnResume.Redrive;

namespace SfnResume.PowerShell.Commands
{
    /// <summary>
    /// Resumes failed executions the best way each allows: RedriveExecution where AWS allows it and the
    /// definition is unchanged, else a run of the GoTo copy from the failed top-level state. Optionally waits
    /// for the resumed runs to end.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "SfnRedrive", DefaultParameterSetName = FailurePointSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.InvokeSfnRedrive)]
    [OutputType(typeof(RedriveResult))]
    public sealed class InvokeSfnRedriveCommand : SfnRedriveCmdlet
    {
        private readonly HashSet<string> announcedCopies = new HashSet<string>(StringComparer.Ordinal);
        private int stillRunning;

        /// <summary>Whether each change is put to ShouldProcess: unless -Force, and always with -WhatIf or -Confirm.</summary>
        private bool asks = true;

        /// <summary>Under -WhatIf: nothing changes, and no canary is waited for.</summary>
        private bool whatIf;

        /// <summary>Wait for every resumed run to end; the result then carries its final status.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait or -Canary: how long to wait in all; -1 (default) waits as long as the runs take.</summary>
        [Parameter]
        [ValidateRange(-1, int.MaxValue)]
        public int TimeoutSeconds { get; set; } = -1;

        /// <summary>With -Wait or -Canary: seconds between two looks at each running execution.</summary>
        [Parameter]
        [ValidateRange(1, 300)]
        public int PollIntervalSeconds { get; set; } = 5;

        /// <summary>
        /// Resume this many executions of each state machine first (in the order they come), wait for them to
        /// end, and resume the others only if all of them succeeded.
        /// </summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Canary { get; set; }

        /// <summary>Resume without asking for confirmation (-WhatIf still only shows the plan).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private protected override RedriveBatchOptions BatchOptions(RedriveMethod method)
        {
            whatIf = LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference")) || MyInvocation.BoundParameters.ContainsKey("WhatIf");
            asks = whatIf || !Force || MyInvocation.BoundParameters.ContainsKey("Confirm");
            TimeSpan? timeout = TimeoutSeconds < 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(TimeoutSeconds);
            var wait = new ResumedRunWait(TimeSpan.FromSeconds(PollIntervalSeconds), timeout);
            var options = base.BatchOptions(method);
            options.Resume = true;
            options.Wait = Wait ? wait : null;
            options.Canaries = Canary;
            options.CanaryWait = wait;
            options.Preview = whatIf;
            options.AskInInputOrder = asks;
            return options;
        }

        private protected override Task<bool> ApproveAsync(RedrivePlanItem item, ResumeRole role, PipelineDispatcher pipeline)
        {
            var preflight = item.Preflight;
            if (preflight?.Status == PreflightStatus.Failed)
            {
                // The resume would fail where the execution failed: nothing changes for it, not even a copy.
                var arn = item.ExecutionArn;
                pipeline.Post(() => WriteError(PreflightRefusal(arn, preflight)));
                return Task.FromResult(false);
            }

            if (preflight != null)
            {
                var arn = item.ExecutionArn;
                pipeline.Post(() => WritePreflightWarning(arn, preflight));
            }

            if (!asks)
            {
                // -Force: the worker goes on at once, and may change the item (a refused redrive turns to
                // GoTo); the verbose line naming this change follows on this thread, from what it is now.
                var change = new PlannedChange(item, role);
                pipeline.Post(() => ShouldResume(change));
                return Task.FromResult(true);
            }

            var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            pipeline.Post(() =>
            {
                try
                {
                    answer.SetResult(ShouldResume(new PlannedChange(item, role)));
                }
                catch
                {
                    // The prompt failed or was stopped: nothing more may change on AWS.
                    answer.SetCanceled();
                    StopBackgroundWork();
                    throw;
                }
            });
            return answer.Task;
        }

        private protected override void WriteAnswer(RedriveAnswer answer)
        {
            switch (answer.Kind)
            {
                case RedriveAnswerKind.Resumed:
                    // Written when the change is made (with -Wait too); RunEnded says how a followed run ended.
                    WriteResult(answer.Result!);
                    break;
                case RedriveAnswerKind.Withheld:
                    WriteError(CanaryReport.Error(answer.ExecutionArn, answer.Verdict!));
                    break;
                case RedriveAnswerKind.Declined:
                    // -WhatIf wrote what it would do, and a failed preflight its error; the operator's no gets a
                    // result of its own, so that every execution piped in has its line in the output.
                    if (!whatIf && answer.Item.Preflight?.Status != PreflightStatus.Failed)
                    {
                        var declined = RedriveResults.Planned(answer.Item);
                        declined.Status = "Declined";
                        WriteResult(declined);
                    }

                    break;
                default:
                    base.WriteAnswer(answer);
                    break;
            }
        }

        private protected override void RunEnded(ResumedRun run, ResumeRole role)
        {
            var result = run.Result;
            if (role == ResumeRole.Canary)
            {
                if (result.Status != "SUCCEEDED")
                {
                    WriteWarning(CanaryReport.Warning(result, MachineOf(run.Item)));
                }

                return;
            }

            if (result.Status == "RUNNING")
            {
                stillRunning++;
            }
            else if (result.Status != "SUCCEEDED")
            {
                // Never silent: the row said Started; how the run ended is in the same result, and said here.
                var verdict = new CanaryVerdict(MachineOf(run.Item), result.ExecutionArn, result, null);
                var which = run.Item.Method == RedriveMethod.Redrive ? "redrive" : $"resumed run '{ExecutionArns.NameOf(result.ResumedExecutionArn ?? string.Empty)}'";
                var next = result.FailurePoint != null
                    ? " Its result's FailurePoint says where; once that is fixed, run the same command again: it resumes from there, as the next attempt."
                    : string.Empty;
                WriteWarning($"{ExecutionArns.NameOf(result.ExecutionArn)}: its {which} {CanaryReport.WhatHappened(verdict)}.{next}");
            }
        }

        private protected override void AfterBatch()
        {
            if (stillRunning > 0)
            {
                WriteWarning($"{stillRunning} resumed run(s) were still running after {TimeoutSeconds} seconds: their results say RUNNING. Run the same command again with -Wait to follow them: it starts nothing new for a run still going (AlreadyResumed) and waits for it.");
            }
        }

        /// <summary>A resume whose preflight failed is not made: the error says what failed and how to go on.</summary>
        private static ErrorRecord PreflightRefusal(string executionArn, PreflightOutcome preflight)
        {
            var name = ExecutionArns.NameOf(executionArn);
            return ErrorRecords.Create("PreflightFailed", ErrorCategory.InvalidData, executionArn,
                $"'{name}' was not resumed: its preflight failed. {preflight.Reason}",
                $"Correct the input the state is given ($point = Get-SfnFailurePoint '{executionArn}'; $point.ResumeInput = '<corrected JSON>'; $point | Invoke-SfnRedrive -Preflight) "
                + $"or fix '{preflight.StateName}' in the state machine's definition, then run again; Test-SfnRedrive -Preflight checks without changing anything. Without -Preflight the resume is made as planned.");
        }

        private static string MachineOf(RedrivePlanItem item) => item.Execution?.StateMachineArn ?? ExecutionArns.StateMachineOf(item.ExecutionArn) ?? item.ExecutionArn;

        /// <summary>
        /// One confirmation per execution, naming exactly what will change. -Force answers yes unless -Confirm
        /// was asked for explicitly; -WhatIf always only describes.
        /// </summary>
        private bool ShouldResume(PlannedChange change)
        {
            string action;
            if (change.Method == RedriveMethod.Redrive)
            {
                action = "Redrive (RedriveExecution): re-run it from the state that failed, with the definition it ran";
            }
            else
            {
                WritePrecisionWarnings(change.ExecutionArn, change.PrecisionWarnings, change.PrecisionCodes);
                var copy = change.Copy!;
                var attempt = change.Attempt > 1 ? $", attempt {change.Attempt}: the resumed run before it failed too and this one starts where that one failed" : string.Empty;
                if (copy.Action == GoToCopyAction.OnMachine)
                {
                    action = $"Resume on the state machine itself (its definition is resume-ready; no copy): start '{copy.CopyArn}' as '{change.RunName}' at state '{change.ResumeState}' with the input it failed with{attempt}";
                }
                else
                {
                    var creates = announcedCopies.Add(copy.CopyArn) ? $"create or update the GoTo copy '{copy.CopyName}' of the current definition, then " : string.Empty;
                    action = $"Resume with a GoTo copy: {creates}start '{copy.CopyName}' as '{change.RunName}' at state '{change.ResumeState}' with the input it failed with{attempt}";
                }

                if (change.ItemFile is { } file)
                {
                    // The file is written first, then the run that reads it: both are this one change.
                    action = $"Write the {file.Count:N0} items of '{change.ResumeState}' that did not succeed to {file.Uri}, then " + char.ToLowerInvariant(action[0]) + action.Substring(1);
                }

                action = action
                    + (change.ReasonCodes.Count > 0 ? $" (no redrive: {string.Join(", ", change.ReasonCodes)})" : string.Empty);
            }

            action = RoleSaid(change) + action;
            if (!asks)
            {
                WriteNote($"{change.ExecutionArn}: {action}.");
                return true;
            }

            return ShouldProcess(change.ExecutionArn, action);
        }

        /// <summary>With -Canary: where the change stands, said before the action.</summary>
        private string RoleSaid(PlannedChange change)
        {
            var machine = CanaryReport.MachineName(change.StateMachineArn);
            return change.Role switch
            {
                ResumeRole.Canary => $"Canary of '{machine}' (its other executions are resumed only if every canary succeeds): ",
                ResumeRole.AfterCanary when whatIf => $"After the canaries of '{machine}' succeed: ",
                ResumeRole.AfterCanary => $"The canaries of '{machine}' succeeded: ",
                _ => string.Empty,
            };
        }

        /// <summary>What one approval is about, taken from the item when it is asked for: the item may change after.</summary>
        private sealed class PlannedChange
        {
            public PlannedChange(RedrivePlanItem item, ResumeRole role)
            {
                Role = role;
                StateMachineArn = MachineOf(item);
                ExecutionArn = item.ExecutionArn;
                Method = item.Method;
                Copy = item.Copy?.Plan;
                ResumeState = item.FailurePoint?.ResumeState;
                ReasonCodes = item.Reasons.Select(r => r.Code).ToList();
                PrecisionWarnings = RedriveResults.PrecisionWarnings(item);
                PrecisionCodes = RedriveResults.PrecisionCodes(item);
                ItemFile = RedriveResults.ItemFileOf(item);
                RunName = item.Resumes?.RunName;
                Attempt = item.Resumes?.Attempt ?? 0;
            }

            public ResumeRole Role { get; }

            public string StateMachineArn { get; }

            public string? RunName { get; }

            public int Attempt { get; }

            public string ExecutionArn { get; }

            public RedriveMethod? Method { get; }

            public GoToCopyPlan? Copy { get; }

            public string? ResumeState { get; }

            public IReadOnlyList<string> ReasonCodes { get; }

            /// <summary>For GoTo: how the run would repeat finished work, said before it is asked about (and under -WhatIf).</summary>
            public IReadOnlyList<string> PrecisionWarnings { get; }

            public IReadOnlyList<string> PrecisionCodes { get; }

            /// <summary>For a precise resume of a failed Distributed Map: the file of items to re-run, written as part of the change.</summary>
            public ItemFile? ItemFile { get; }
        }
    }
}
