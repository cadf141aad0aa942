using System;
using System.Collections.Generic;
using System.Management.Automation;
using SfnResume.Aws;
using SfnResume.History;
using SfnResume.PowerShell.Completers;
using SfnResume.PowerShell.Internal;
using SfnResume.Redrive;

namespace SfnResume.PowerShell.Commands
{
    /// <summary>
    /// What Invoke-SfnRedrive and Test-SfnRedrive share: they take executions from the pipeline, then plan
    /// them all at once (bounded concurrency needs the whole batch) when the input ends.
    /// </summary>
    public abstract class SfnRedriveCmdlet : SfnAwsCmdlet
    {
        protected const string ExecutionArnSet = "ExecutionArn";
        protected const string FailurePointSet = "FailurePoint";

        private readonly List<RedriveTarget> targets = new List<RedriveTarget>();
        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
        private volatile Tuple<string, int, int>? progress;
        private Tuple<string, int, int>? shownProgress;

        /// <summary>The failed execution; binds from strings and from objects with an ExecutionArn (Get-SFNExecutionList, Get-SfnFailurePoint).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ExecutionArnSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ExecutionArnCompleter))]
        public string[] ExecutionArn { get; set; } = Array.Empty<string>();

        /// <summary>A failure point from Get-SfnFailurePoint; a GoTo run uses its resume state and input.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = FailurePointSet)]
        public FailurePoint? FailurePoint { get; set; }

        /// <summary>
        /// Auto (default): redrive when eligible, else GoTo. Redrive or GoTo: only that. A string, not the
        /// RedriveMethod enum: an enum field would make PowerShell load SfnResume.Core while it scans the cmdlet
        /// types, before the module's resolver (which finds it in dependencies/) is hooked up.
        /// </summary>
        [Parameter]
        [ValidateSet("Auto", "Redrive", "GoTo", IgnoreCase = true)]
        public string Method { get; set; } = "Auto";

        /// <summary>How many calls to Step Functions run at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 10;

        protected IReadOnlyList<RedriveTarget> Targets => targets;

        /// <summary>
        /// Batches retry every call themselves (<see cref="TransientRetry"/>). The SDK's retries would nest inside
        /// those, with long throttling delays, and its shared retry quota runs dry in a burst anyway.
        /// </summary>
        protected override int? SdkRetries => 0;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == FailurePointSet)
            {
                var point = FailurePoint!;
                if (string.IsNullOrEmpty(point.ExecutionArn))
                {
                    WriteError(ErrorRecords.Create("FailurePointWithoutExecution", ErrorCategory.InvalidArgument, point,
                        $"The failure point '{point.ExecutionName}' was read from a file and names no execution to resume.",
                        "Pipe it to New-SfnGoToStateMachine -StateMachineArn instead, or pass the execution's ARN."));
                    return;
                }

                Add(point.ExecutionArn!, point);
                return;
            }

            foreach (var arn in ExecutionArn)
            {
                if (!ExecutionArns.IsValid(arn))
                {
                    WriteError(ErrorRecords.InvalidExecutionArn(arn));
                    continue;
                }

                Add(arn, null);
            }
        }

        /// <summary>Reads and decides for the whole batch, with progress; nothing changes on AWS.</summary>
        private protected IReadOnlyList<RedrivePlanItem> Plan(RedriveBatch batch, PipelineDispatcher dispatcher)
        {
            return dispatcher.Run(() => batch.PlanAsync(targets, CancellationToken));
        }

        /// <summary>A batch that reports progress to this cmdlet's progress bar.</summary>
        private protected (RedriveBatch Batch, PipelineDispatcher Dispatcher) CreateBatch(TransientRetry retry)
        {
            IStepFunctionsClient client;
            try
            {
                client = GetClient();
            }
            catch (AwsConnectionException e)
            {
                // Every execution of the batch shares the connection: nothing can go on without it.
                ThrowTerminatingError(ErrorRecords.FromException(e, null));
                throw;
            }

            var batch = new RedriveBatch(client, (RedriveMethod)Enum.Parse(typeof(RedriveMethod), Method, ignoreCase: true), ThrottleLimit, retry)
            {
                Progress = (phase, done, total) => progress = Tuple.Create(phase, done, total),
            };
            var dispatcher = new PipelineDispatcher { Tick = ShowProgress };
            return (batch, dispatcher);
        }

        protected void CompleteProgress()
        {
            WriteProgress(new ProgressRecord(1, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
        }

        /// <summary>Every failure of one execution ends as a non-terminating error with a stable id.</summary>
        protected void WriteItemError(Exception error, string executionArn)
        {
            switch (error)
            {
                case ExecutionNotFailedException notFailed:
                    WriteError(ErrorRecords.Create("ExecutionNotFailed", ErrorCategory.InvalidOperation, executionArn, notFailed.Message));
                    break;
                case HistoryFormatException history:
                    WriteError(ErrorRecords.Create("InvalidHistory", ErrorCategory.InvalidData, executionArn, history.Message));
                    break;
                case Definitions.DefinitionFormatException definition:
                    WriteError(ErrorRecords.Create("InvalidDefinition", ErrorCategory.InvalidData, executionArn, definition.Message));
                    break;
                default:
                    WriteAwsError(error, executionArn);
                    break;
            }
        }

        private void Add(string arn, FailurePoint? point)
        {
            // The same execution twice in one batch would be resumed twice.
            if (seen.Add(arn))
            {
                targets.Add(new RedriveTarget(arn, point));
            }
        }

        private void ShowProgress()
        {
            var now = progress;
            if (now == null || ReferenceEquals(now, shownProgress))
            {
                return;
            }

            shownProgress = now;
            var (phase, done, total) = (now.Item1, now.Item2, now.Item3);
            WriteProgress(new ProgressRecord(1, MyInvocation.MyCommand.Name, $"{phase}: {done} of {total}")
            {
                PercentComplete = total == 0 ? 100 : Math.Min(100, done * 100 / total),
            });
        }
    }
}
