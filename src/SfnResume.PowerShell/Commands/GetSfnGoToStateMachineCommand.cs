using System;
using System.Management.Automation;
using SfnResume.Aws;
using SfnResume.Copies;
using SfnResume.GoTo;
using SfnResume.PowerShell.Completers;
using SfnResume.PowerShell.Internal;

namespace SfnResume.PowerShell.Commands
{
    /// <summary>
    /// Lists the GoTo copies SfnResume made in an account and region, found by their sfnresume tags: where each
    /// came from, when it last ran, and whether it runs now. Only reads.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SfnGoToStateMachine", HelpUri = HelpLinks.GetSfnGoToStateMachine)]
    [OutputType(typeof(GoToCopy))]
    public sealed class GetSfnGoToStateMachineCommand : SfnAwsCmdlet
    {
        private int machinesRead;
        private int copiesFound;

        /// <summary>
        /// Only the copy of this state machine; binds from strings and from objects with a StateMachineArn
        /// (Get-SFNStateMachineList, Get-SFNStateMachine), so the state machines piped in are looked up.
        /// </summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("StateMachineArn")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StateMachineArnCompleter))]
        public string? SourceStateMachineArn { get; set; }

        /// <summary>Counts the calls repeated after throttling or a passing failure, for the verbose summary.</summary>
        private TransientRetry Retry { get; } = new TransientRetry();

        /// <summary>Every call is retried by <see cref="Retry"/>; the SDK's retries would nest inside its own.</summary>
        protected override int? SdkRetries => 0;

        protected override void ProcessRecord()
        {
            var source = SourceStateMachineArn;
            if (source != null && !StateMachineArns.IsValid(source))
            {
                WriteError(ErrorRecords.Create("InvalidStateMachineArn", ErrorCategory.InvalidArgument, source, $"'{source}' is not a state machine ARN.",
                    "Pass an ARN like arn:aws:states:us-east-1:123456789012:stateMachine:Orders (Tab completes them), or leave out -SourceStateMachineArn to list every copy."));
                return;
            }

            var item = new ItemScope(source, ItemStep.CallingAws) { Subject = source };
            RunItem(item, () => List(source));
        }

        protected override void EndProcessing()
        {
            WriteNote($"{copiesFound} GoTo cop{(copiesFound == 1 ? "y" : "ies")} found{(machinesRead > 0 ? $" among {machinesRead} state machines" : string.Empty)}.");
            if (Retry.Retries > 0)
            {
                WriteNote($"{Retry.Retries} call(s) were throttled or failed for a passing reason and were retried with backoff.");
            }
        }

        private void List(string? source)
        {
            var catalog = new GoToCopyCatalog(GetClient(source), Retry);
            var progress = new ProgressRecord(1, "Get-SfnGoToStateMachine", source == null ? "Listing the state machines" : $"Reading the copy of {source}");
            try
            {
                foreach (var step in BlockingEnumerable.Of(catalog.ListAsync(source, CancellationToken), CancellationToken))
                {
                    Show(step, progress, source);
                }
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }

        private void Show(CopyListingStep step, ProgressRecord progress, string? source)
        {
            if (source == null)
            {
                machinesRead = step.MachinesRead;
                progress.StatusDescription = $"{step.MachinesRead} state machines read, {step.CopiesFound} GoTo cop{(step.CopiesFound == 1 ? "y" : "ies")} found";
                progress.CurrentOperation = step.StateMachineArn == null ? string.Empty : $"Reading {StateMachineArns.NameOf(step.StateMachineArn)}";
                WriteProgress(progress);
            }

            switch (step.Kind)
            {
                case CopyListingStepKind.Found:
                    copiesFound++;
                    WriteObject(step.Copy);
                    break;
                case CopyListingStepKind.Passed when source != null && step.Missing && StateMachineArns.NameOf(source).EndsWith(GoToCopyNames.Suffix, StringComparison.Ordinal):
                    // Named like a copy: the operator most likely meant the copy itself, which is listed by its source.
                    var original = source.Substring(0, source.Length - GoToCopyNames.Suffix.Length);
                    WriteWarning($"'{source}' is named as a GoTo copy is, and copies have no copies: there is no '{StateMachineArns.NameOf(step.StateMachineArn!)}'. "
                        + $"To list it, name its source: Get-SfnGoToStateMachine -SourceStateMachineArn '{original}'.");
                    break;
                case CopyListingStepKind.Passed when source != null && step.Missing:
                    WriteNote($"'{source}' has no GoTo copy: there is no '{StateMachineArns.NameOf(step.StateMachineArn!)}'.");
                    break;
                case CopyListingStepKind.Passed when source != null:
                    // The one machine SfnResume would have named this copy is not SfnResume's: say so, it was asked for.
                    WriteWarning($"{step.Reason} It is not listed.");
                    break;
                case CopyListingStepKind.Passed:
                    WriteNote($"Not listed: {step.Reason}");
                    break;
                case CopyListingStepKind.Failed:
                    WriteItemError(step.Failure!, new ItemScope(step.StateMachineArn, ItemStep.CallingAws));
                    break;
            }
        }
    }
}
