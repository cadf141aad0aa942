using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.GoTo;
using SfnResume.GoTo.Distributed;
using SfnResume.History;
using SfnResume.PowerShell.Completers;
using SfnResume.PowerShell.Internal;
using SfnResume.Preflight;
using SfnResume.Redrive;

namespace SfnResume.PowerShell.Commands
{
    /// <summary>
    /// What Invoke-SfnRedrive and Test-SfnRedrive share: every execution from the pipeline goes into the batch
    /// as it arrives, so the first is planned (and resumed) while later ones are still coming; between
    /// records and at the end, this thread writes what the batch's workers report.
    /// </summary>
    public abstract class SfnRedriveCmdlet : SfnAwsCmdlet
    {
        protected const string ExecutionArnSet = "ExecutionArn";
        protected const string FailurePointSet = "FailurePoint";

        /// <summary>The type name results get with -Preflight: its default table shows the preflight's outcome.</summary>
        private const string PreflightView = "SfnResume.RedriveResult#Preflight";

        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>The preflight outcomes warned about: rows that share a check (or a redrive's reason) are warned about once.</summary>
        private readonly HashSet<PreflightOutcome> warnedPreflights = new HashSet<PreflightOutcome>();
        private volatile Tuple<string, int, int>? progress;
        private string? shownProgress;

        /// <summary>Since the batch began to wait for the resumed runs: the elapsed time its progress shows.</summary>
        private System.Diagnostics.Stopwatch? waiting;
        private RedriveBatch? batch;
        private PipelineDispatcher? dispatcher;

        /// <summary>The failed execution; binds from strings and from objects with an ExecutionArn (Get-SFNExecutionList, Get-SfnFailurePoint).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ExecutionArnSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ExecutionArnCompleter))]
        public string[] ExecutionArn { get; set; } = Array.Empty<string>();

        /// <summary>A failure point from Get-SfnFailurePoint; a GoTo run uses its resume state and input.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = FailurePointSet)]
        public FailurePoint? FailurePoint { get; set; }

        // What Get-SFNExecutionList's items carry besides the ARN, bound by property name: with them an execution
        // is planned without a DescribeExecution. Hidden: they describe the piped object, not a choice to make.

        /// <summary>The listed execution's status (a string, or AWS.Tools' ExecutionStatus).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ExecutionArnSet, DontShow = true)]
        public string? Status { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ExecutionArnSet, DontShow = true)]
        public DateTime? StartDate { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ExecutionArnSet, DontShow = true)]
        public DateTime? StopDate { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ExecutionArnSet, DontShow = true)]
        public int? RedriveCount { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ExecutionArnSet, DontShow = true)]
        public string? StateMachineArn { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ExecutionArnSet, DontShow = true)]
        public string? StateMachineVersionArn { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ExecutionArnSet, DontShow = true)]
        public string? MapRunArn { get; set; }

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

        /// <summary>
        /// Before resuming, run each GoTo resume's state with TestState on the input it would be given, with a
        /// stand-in result for anything it would call (nothing is invoked), and put the outcome in the result's
        /// Preflight: Passed, Failed (with the error and cause) or NotTestable (with the reason).
        /// </summary>
        [Parameter]
        public SwitchParameter Preflight { get; set; }

        /// <summary>
        /// The S3 bucket for the file of a failed Distributed Map's items to re-run, which a precise GoTo resume
        /// writes and its Map reads; by default the bucket the Map's ItemReader reads from.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ItemBucket { get; set; }

        /// <summary>The key prefix of that file in the bucket (default sfnresume/items/); its name is a hash of its content.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ItemPrefix { get; set; }

        /// <summary>Counts the calls repeated after throttling or a passing failure, for the verbose summary.</summary>
        protected TransientRetry Retry { get; } = new TransientRetry();

        /// <summary>
        /// Batches retry every call themselves (<see cref="TransientRetry"/>). The SDK's retries would nest inside
        /// those, with long throttling delays, and its shared retry quota runs dry in a burst anyway.
        /// </summary>
        protected override int? SdkRetries => 0;

        /// <summary>What a ListExecutions item says of an execution: read from piped objects only.</summary>
        private static readonly string[] ListItemParameters =
        {
            nameof(Status), nameof(StartDate), nameof(StopDate), nameof(RedriveCount), nameof(StateMachineArn), nameof(StateMachineVersionArn), nameof(MapRunArn),
        };

        protected override void BeginProcessing()
        {
            // Bound before any input arrives, these were typed (or splatted): a typed -Status FAILED would be
            // taken for what AWS listed, and a SUCCEEDED execution planned as redrivable. Refused before any request.
            var typed = ListItemParameters.FirstOrDefault(MyInvocation.BoundParameters.ContainsKey);
            if (typed != null)
            {
                ThrowTerminatingError(ErrorRecords.Create("ListItemParameterTyped", ErrorCategory.InvalidArgument, typed,
                    $"-{typed} is what Get-SFNExecutionList says of an execution: it is read from piped objects, never typed, and SfnResume asks AWS itself for what an ARN alone does not say.",
                    $"Leave out -{typed}: pipe Get-SFNExecutionList's objects, or give the execution ARNs alone."));
            }

            if (ItemLocations.Check(ItemBucket, ItemPrefix) is ErrorRecord badLocation)
            {
                ThrowTerminatingError(badLocation);
            }

            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == FailurePointSet)
            {
                var point = FailurePoint!;
                if (string.IsNullOrEmpty(point.ExecutionArn))
                {
                    WriteError(ErrorRecords.Create("FailurePointWithoutExecution", ErrorCategory.InvalidArgument, point,
                        $"The failure point '{point.ExecutionName}' was read from a file and names no execution to resume.",
                        ErrorPolicy.FailurePointWithoutExecutionAdvice));
                    return;
                }

                Add(new RedriveTarget(point.ExecutionArn!, point));
                return;
            }

            var listed = ExecutionArn.Length == 1 ? Listed(ExecutionArn[0]) : null;
            foreach (var arn in ExecutionArn)
            {
                if (!ExecutionArns.IsValid(arn))
                {
                    WriteError(ErrorRecords.InvalidExecutionArn(arn));
                    continue;
                }

                Add(new RedriveTarget(arn, null, listed));
            }
        }

        protected override void EndProcessing()
        {
            if (batch == null)
            {
                return;
            }

            try
            {
                dispatcher!.Run(() => batch.CompleteAsync(CancellationToken));
                AfterBatch();

                // One line for the log of a runbook (and -InformationAction Continue): what became of them all.
                WriteInformation($"{MyInvocation.MyCommand.Name}: {tally}", new[] { "SfnResume", "Summary" });
                if (Retry.Retries > 0)
                {
                    WriteNote($"{Retry.Retries} call(s) were throttled or failed for a passing reason and were retried with backoff.");
                }
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                WriteProgress(new ProgressRecord(1, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
                dispatcher!.Dispose();
            }
        }

        /// <summary>What the batch does: by default only plan (Test-SfnRedrive).</summary>
        private protected virtual RedriveBatchOptions BatchOptions(RedriveMethod method) => new RedriveBatchOptions { Method = method, ThrottleLimit = ThrottleLimit, Preflight = Preflight, ItemFileLocation = ItemFileLocation };

        /// <summary>-ItemBucket and -ItemPrefix, when either was given.</summary>
        private protected ItemFileLocation? ItemFileLocation => ItemLocations.Of(ItemBucket, ItemPrefix);

        // Every answer is counted, on the pipeline thread, for the summary line at the end.
        private readonly BatchTally tally = new BatchTally();

        /// <summary>
        /// Whether a planned execution may be resumed, asked from a worker thread; what must happen on the
        /// pipeline thread (a prompt, a verbose line) is posted to <paramref name="pipeline"/>.
        /// </summary>
        private protected virtual Task<bool> ApproveAsync(RedrivePlanItem item, ResumeRole role, PipelineDispatcher pipeline) => Task.FromResult(false);

        /// <summary>
        /// Writes what became of one execution, on the pipeline thread: an item that is not resumed (skipped,
        /// failed to plan, or only planned) as its error or its plan.
        /// </summary>
        private protected virtual void WriteAnswer(RedriveAnswer answer)
        {
            if (answer.Kind == RedriveAnswerKind.Failed)
            {
                // Named by its ARN in the message, with the same ErrorId the same fault has in every cmdlet.
                WriteItemError(answer.Error!, new ItemScope(answer.ExecutionArn, ItemStep.CallingAws) { FailurePoint = answer.Item.Target.FailurePoint });
            }
            else if (answer.Kind == RedriveAnswerKind.Planned)
            {
                WriteNote(PlanNote(answer.Item, answer.Result!));
                WritePrecisionWarnings(answer.ExecutionArn, RedriveResults.PrecisionWarnings(answer.Item), answer.Result!.PrecisionCodes);
                WritePreflightWarning(answer.ExecutionArn, answer.Item.Preflight);
                WriteResult(answer.Result!);
            }
        }

        /// <summary>
        /// One verbose line per execution planned and not resumed: its name, the method chosen (or the skip) and
        /// why, as Invoke-SfnRedrive says of each change it makes.
        /// </summary>
        private string PlanNote(RedrivePlanItem item, RedriveResult result)
        {
            string what;
            if (item.AlreadyResumed)
            {
                what = $"already resumed: '{result.ResumedExecutionArn}' is {result.ResumedStatus}, so nothing is started again";
            }
            else if (item.Method == RedriveMethod.Redrive)
            {
                what = "Redrive (RedriveExecution) from the state that failed, with the definition it ran: AWS allows it"
                    + (string.Equals(Method, "Auto", StringComparison.OrdinalIgnoreCase) ? " and that definition is still the state machine's" : " (-Method Redrive: the definition is not compared)");
            }
            else if (item.Method == RedriveMethod.GoTo)
            {
                var attempt = result.Attempt > 1 ? $", attempt {result.Attempt}" : string.Empty;
                what = $"GoTo copy '{item.Copy?.Plan.CopyName}' at '{result.ResumeState}'{attempt}: "
                    + (result.Reason ?? (string.Equals(Method, "GoTo", StringComparison.OrdinalIgnoreCase) ? "-Method GoTo." : "no redrive."));
            }
            else
            {
                what = "skipped: " + (result.Reason ?? "nothing to resume.");
            }

            return $"{ExecutionArns.NameOf(item.ExecutionArn)}: {what}";
        }

        /// <summary>A followed run ended, or the wait gave up on it (its result, written before, now says how), on the pipeline thread.</summary>
        private protected virtual void RunEnded(ResumedRun run, ResumeRole role)
        {
        }

        /// <summary>After every execution was answered, on the pipeline thread.</summary>
        private protected virtual void AfterBatch()
        {
        }

        /// <summary>A result as the pipeline gets it; with -Preflight, shown by the table that has the preflight's outcome.</summary>
        protected void WriteResult(RedriveResult result)
        {
            if (!Preflight)
            {
                WriteObject(result);
                return;
            }

            var shown = PSObject.AsPSObject(result);
            shown.TypeNames.Insert(0, PreflightView);
            WriteObject(shown);
        }

        /// <summary>Never silent: a resume that was not checked says why, once for every row that shares the reason.</summary>
        protected void WritePreflightWarning(string executionArn, PreflightOutcome? outcome)
        {
            if (outcome == null || outcome.Status != PreflightStatus.NotTestable || !warnedPreflights.Add(outcome))
            {
                return;
            }

            var others = outcome == PreflightOutcome.ForRedrive ? " (so is every other redrive)" : string.Empty;
            WriteWarning($"{ExecutionArns.NameOf(executionArn)}: not checked before resuming{others} ({outcome.Code}): {outcome.Reason}");
        }

        /// <summary>Never silent: each way a GoTo run would repeat finished work, as a warning naming the execution.</summary>
        protected void WritePrecisionWarnings(string executionArn, IEnumerable<string> warnings, IReadOnlyList<string>? codes = null)
        {
            foreach (var warning in warnings)
            {
                WriteWarning($"{ExecutionArns.NameOf(executionArn)}: {warning}");
            }

            if (codes != null && codes.Contains(PrecisionCodes.NoItemBucket))
            {
                WriteWarning($"{ExecutionArns.NameOf(executionArn)}: {ItemLocations.NoBucketAdvice}");
            }
        }

        /// <summary>
        /// What ListExecutions said of the piped execution, when the object carried it: a status, and the dates a
        /// closed execution has. AWS.Tools' dates may be local or UTC; both name the same instant.
        /// </summary>
        private ExecutionListItem? Listed(string arn)
        {
            // Find-SfnExpressExecution's items tell when an Express execution ended, not when it started (its end
            // record is what was found): enough to bound the search of its records.
            var express = ExecutionArns.IsExpress(arn);
            if (string.IsNullOrEmpty(Status) || (!StartDate.HasValue && !express) || (ExecutionStatuses.IsFailed(Status!.ToUpperInvariant()) && !StopDate.HasValue))
            {
                return null;
            }

            return new ExecutionListItem
            {
                ExecutionArn = arn,
                StateMachineArn = StateMachineArn ?? string.Empty,
                Name = ExecutionArns.NameOf(arn),
                Status = Status!.ToUpperInvariant(),
                StartDate = StartDate.HasValue ? Utc(StartDate.Value) : default,
                StopDate = StopDate.HasValue ? Utc(StopDate.Value) : (DateTime?)null,
                RedriveCount = RedriveCount,
                StateMachineVersionArn = string.IsNullOrEmpty(StateMachineVersionArn) ? null : StateMachineVersionArn,
                MapRunArn = string.IsNullOrEmpty(MapRunArn) ? null : MapRunArn,
            };
        }

        private static DateTime Utc(DateTime date) => date.Kind == DateTimeKind.Utc ? date : date.ToUniversalTime();

        private void Add(RedriveTarget target)
        {
            // The same execution twice in one batch would be resumed twice.
            if (seen.Add(target.ExecutionArn))
            {
                EnsureBatch().Add(target, CancellationToken);
            }

            dispatcher?.Drain();
        }

        private RedriveBatch EnsureBatch()
        {
            if (batch != null)
            {
                return batch;
            }

            IStepFunctionsClient client;
            try
            {
                client = GetClient();
            }
            catch (AwsConnectionException e)
            {
                // Every execution of the batch shares the connection: nothing can go on without it.
                ThrowTerminatingError(Errors.Record(e, new ItemScope(null, ItemStep.CallingAws)));
                throw;
            }

            var pipeline = dispatcher = new PipelineDispatcher { Tick = ShowProgress };
            var options = BatchOptions((RedriveMethod)Enum.Parse(typeof(RedriveMethod), Method, ignoreCase: true));
            // Express executions are read from their log group, through the same connection (no call until one comes).
            var logs = GetLogsClient();
            // S3 for a failed Distributed Map's items and the file of those to re-run: made here, on the pipeline
            // thread that may read the shell's defaults; it makes no call until a Map Run needs one.
            var s3 = GetS3Client();
            batch = new RedriveBatch(client, options, Retry, new Listener(this, pipeline), logs: () => logs, s3: () => s3);
            return batch;
        }

        private void ShowProgress()
        {
            var now = progress;
            if (now == null)
            {
                return;
            }

            var (phase, done, total) = (now.Item1, now.Item2, now.Item3);
            var description = $"{phase}: {done:N0} of {total:N0}";
            if (phase == RedriveBatch.WaitingPhase)
            {
                // Counted here, from the ends this thread has written: the bar agrees with the rows and warnings.
                waiting ??= System.Diagnostics.Stopwatch.StartNew();
                done = tally.EndedCount;
                var outcomes = tally.EndedByStatus();
                description = $"{phase}: {done:N0} of {total:N0} ended{(outcomes.Length == 0 ? string.Empty : $" ({outcomes})")}, {Elapsed(waiting.Elapsed)} so far";
            }

            if (description == shownProgress)
            {
                return;
            }

            shownProgress = description;
            WriteProgress(new ProgressRecord(1, MyInvocation.MyCommand.Name, description)
            {
                PercentComplete = total == 0 ? 100 : Math.Min(100, done * 100 / total),
            });
        }

        /// <summary>"45s", "12m 05s", "2h 03m".</summary>
        private static string Elapsed(TimeSpan elapsed)
            => elapsed.TotalHours >= 1 ? $"{(int)elapsed.TotalHours}h {elapsed.Minutes:00}m"
            : elapsed.TotalMinutes >= 1 ? $"{(int)elapsed.TotalMinutes}m {elapsed.Seconds:00}s"
            : $"{(int)elapsed.TotalSeconds}s";

        /// <summary>
        /// The batch's listener: answers are written on the pipeline thread, in the order they come; progress is
        /// kept for the next tick; approvals go to the cmdlet.
        /// </summary>
        private sealed class Listener : IRedriveBatchListener
        {
            private readonly SfnRedriveCmdlet cmdlet;
            private readonly PipelineDispatcher pipeline;

            public Listener(SfnRedriveCmdlet cmdlet, PipelineDispatcher pipeline)
            {
                this.cmdlet = cmdlet;
                this.pipeline = pipeline;
            }

            public Task<bool> ApproveAsync(RedrivePlanItem item, ResumeRole role, CancellationToken cancellationToken) => cmdlet.ApproveAsync(item, role, pipeline);

            public void Answer(RedriveAnswer answer) => pipeline.Post(() =>
            {
                cmdlet.tally.Count(answer);
                cmdlet.WriteAnswer(answer);
            });

            public void Ended(ResumedRun run, ResumeRole role) => pipeline.Post(() =>
            {
                cmdlet.tally.Ended(run.Result.Status);
                cmdlet.RunEnded(run, role);
            });

            public void Progress(string phase, int done, int total) => cmdlet.progress = Tuple.Create(phase, done, total);

            public void Notice(string message) => pipeline.Post(() => cmdlet.WriteWarning(message));
        }
    }
}
