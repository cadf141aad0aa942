using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SfnResume.Aws;
using SfnResume.PowerShell.Internal;
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

        /// <summary>Wait for every resumed run to end; the result then carries its final status.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: how long to wait in all; -1 (default) waits as long as the runs take.</summary>
        [Parameter]
        [ValidateRange(-1, int.MaxValue)]
        public int TimeoutSeconds { get; set; } = -1;

        /// <summary>With -Wait: seconds between two looks at each running execution.</summary>
        [Parameter]
        [ValidateRange(1, 300)]
        public int PollIntervalSeconds { get; set; } = 5;

        /// <summary>Resume without asking for confirmation (-WhatIf still only shows the plan).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void EndProcessing()
        {
            if (Targets.Count == 0)
            {
                return;
            }

            var retry = new TransientRetry();
            var (batch, dispatcher) = CreateBatch(retry);
            try
            {
                var plan = Plan(batch, dispatcher);
                var approved = new List<RedrivePlanItem>();
                foreach (var item in plan)
                {
                    if (item.Error != null)
                    {
                        WriteItemError(item.Error, item.ExecutionArn);
                    }
                    else if (item.Method == null)
                    {
                        WriteObject(RedriveBatch.PlannedResult(item));
                    }
                    else if (ShouldResume(item))
                    {
                        approved.Add(item);
                    }
                }

                var runs = new List<ResumedRun>();
                dispatcher.Run(() => batch.ResumeAsync(
                    approved,
                    run => dispatcher.Post(() =>
                    {
                        if (Wait)
                        {
                            runs.Add(run);
                        }
                        else
                        {
                            WriteObject(run.Result);
                        }
                    }),
                    (item, error) => dispatcher.Post(() => WriteItemError(error, item.ExecutionArn)),
                    CancellationToken));

                if (Wait && runs.Count > 0)
                {
                    var stillRunning = 0;
                    TimeSpan? timeout = TimeoutSeconds < 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(TimeoutSeconds);
                    dispatcher.Run(() => batch.WaitAsync(runs, timeout, TimeSpan.FromSeconds(PollIntervalSeconds), run => dispatcher.Post(() =>
                    {
                        stillRunning += run.Result.Status == "RUNNING" ? 1 : 0;
                        WriteObject(run.Result);
                    }), CancellationToken));
                    if (stillRunning > 0)
                    {
                        WriteWarning($"{stillRunning} resumed run(s) were still running after {TimeoutSeconds} seconds. Their results say RUNNING; check them later with Get-SfnFailurePoint or the Step Functions console.");
                    }
                }

                if (retry.Retries > 0)
                {
                    WriteVerbose($"{retry.Retries} call(s) were throttled or failed for a passing reason and were retried with backoff.");
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

        /// <summary>
        /// One confirmation per execution, naming exactly what will change. -Force answers yes unless -Confirm
        /// was asked for explicitly; -WhatIf always only describes.
        /// </summary>
        private bool ShouldResume(RedrivePlanItem item)
        {
            string action;
            if (item.Method == RedriveMethod.Redrive)
            {
                action = "Redrive (RedriveExecution): re-run it from the state that failed, with the definition it ran";
            }
            else
            {
                var copy = item.Copy!.Plan;
                var creates = announcedCopies.Add(copy.CopyArn) ? $"create or update the GoTo copy '{copy.CopyName}' of the current definition, then " : string.Empty;
                action = $"Resume with a GoTo copy: {creates}start '{copy.CopyName}' at state '{item.FailurePoint!.ResumeState}' with the input it failed with"
                    + (item.Reasons.Count > 0 ? $" (no redrive: {string.Join(", ", item.Reasons.Select(r => r.Code))})" : string.Empty);
            }

            var whatIf = LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference")) || MyInvocation.BoundParameters.ContainsKey("WhatIf");
            if (Force && !whatIf && !MyInvocation.BoundParameters.ContainsKey("Confirm"))
            {
                WriteVerbose($"{item.ExecutionArn}: {action}.");
                return true;
            }

            return ShouldProcess(item.ExecutionArn, action);
        }
    }
}
