using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.Definitions;
using SfnResume.Express;
using SfnResume.GoTo;
using SfnResume.GoTo.Distributed;
using SfnResume.History;
using SfnResume.MapRuns;
using SfnResume.Redrive;
using SfnResume.PowerShell.Completers;
using SfnResume.PowerShell.Internal;

namespace SfnResume.PowerShell.Commands
{
    /// <summary>
    /// Creates (or reuses) the GoTo copy of a state machine and returns the input that resumes it at a
    /// top-level state; offline, writes the copy's definition without calling AWS.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SfnGoToStateMachine", DefaultParameterSetName = FailurePointSet, SupportsShouldProcess = true, HelpUri = HelpLinks.NewSfnGoToStateMachine)]
    [OutputType(typeof(GoToStateMachine))]
    public sealed class NewSfnGoToStateMachineCommand : SfnAwsCmdlet
    {
        private const string FailurePointSet = "FailurePoint";
        private const string StateMachineSet = "StateMachine";
        private const string DefinitionPathSet = "DefinitionPath";
        private const string DefinitionSet = "Definition";
        private const string FailurePointOfflineSet = "FailurePointDefinitionPath";
        private const string FailurePointStateMachineSet = "FailurePointStateMachine";

        /// <summary>A failure point from Get-SfnFailurePoint: the execution, its resume state, input and variables.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = FailurePointSet)]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = FailurePointOfflineSet)]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = FailurePointStateMachineSet)]
        public FailurePoint? FailurePoint { get; set; }

        /// <summary>
        /// The state machine to copy (its current definition). With a failure point read from a file, which names
        /// no state machine, the one to resume it on; typed only, so a piped point never binds its own here.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = StateMachineSet)]
        [Parameter(Mandatory = true, ParameterSetName = FailurePointStateMachineSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StateMachineArnCompleter))]
        public string StateMachineArn { get; set; } = string.Empty;

        /// <summary>A definition file to rewrite offline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DefinitionPathSet)]
        [Parameter(Mandatory = true, ParameterSetName = FailurePointOfflineSet)]
        [ValidateNotNullOrEmpty]
        public string DefinitionPath { get; set; } = string.Empty;

        /// <summary>Definition text to rewrite offline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DefinitionSet)]
        [ValidateNotNullOrEmpty]
        public string Definition { get; set; } = string.Empty;

        /// <summary>
        /// The top-level state to resume at; with a failure point, overrides its ResumeState. Needed without a
        /// failure point, yet not mandatory: a missing one is an error that says what to pass (and, offline, lists
        /// the states), where PowerShell would prompt, or fail a non-interactive run with "missing mandatory parameters".
        /// </summary>
        [Parameter(ParameterSetName = FailurePointSet)]
        [Parameter(ParameterSetName = FailurePointOfflineSet)]
        [Parameter(ParameterSetName = FailurePointStateMachineSet)]
        [Parameter(ParameterSetName = StateMachineSet)]
        [Parameter(ParameterSetName = DefinitionPathSet)]
        [Parameter(ParameterSetName = DefinitionSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StateNameCompleter))]
        public string? StateName { get; set; }

        /// <summary>The input to resume with (JSON or an object); replaces the recorded input.</summary>
        [Parameter]
        public object? Input { get; set; }

        /// <summary>Changes merged into the input (JSON Merge Patch: a hashtable or JSON; null removes a member).</summary>
        [Parameter]
        public object? InputPatch { get; set; }

        /// <summary>Precise (the default): inside a Parallel or Map only what did not finish runs again. Whole: the top-level state re-runs whole.</summary>
        [Parameter]
        [ValidateSet("Precise", "Whole")]
        public string Precision { get; set; } = "Precise";

        /// <summary>
        /// For a failure in a Distributed Map: the S3 bucket the file of items to re-run is written to (the resumed
        /// Map reads it); by default the bucket its ItemReader reads from.
        /// </summary>
        [Parameter(ParameterSetName = FailurePointSet)]
        [Parameter(ParameterSetName = FailurePointStateMachineSet)]
        [ValidateNotNullOrEmpty]
        public string? ItemBucket { get; set; }

        /// <summary>The key prefix of that file (default sfnresume/items/); its name is a hash of its content.</summary>
        [Parameter(ParameterSetName = FailurePointSet)]
        [Parameter(ParameterSetName = FailurePointStateMachineSet)]
        [ValidateNotNullOrEmpty]
        public string? ItemPrefix { get; set; }

        private TransientRetry Retry { get; } = new TransientRetry();

        /// <summary>The file -DefinitionPath names, once found (the pattern resolved).</summary>
        private string? definitionFile;

        private ResumePrecision AskedPrecision => string.Equals(Precision, "Whole", StringComparison.OrdinalIgnoreCase) ? ResumePrecision.WholeState : ResumePrecision.Precise;

        protected override void BeginProcessing()
        {
            if (ItemLocations.Check(ItemBucket, ItemPrefix) is ErrorRecord badLocation)
            {
                ThrowTerminatingError(badLocation);
            }

            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            var item = new ItemScope((object?)FailurePoint ?? (DefinitionPath.Length > 0 ? DefinitionPath : StateMachineArn.Length > 0 ? StateMachineArn : null), ItemStep.Computing)
            {
                Subject = FailurePoint?.ToString() ?? (DefinitionPath.Length > 0 ? DefinitionPath : StateMachineArn.Length > 0 ? StateMachineArn : null),
                FailurePoint = FailurePoint,
                HistoryFile = FailurePoint != null && FailurePoint.Source != "AWS" ? FailurePoint.Source : null,
                TargetFor = TargetFor,
            };
            if (ParameterSetName == DefinitionPathSet || ParameterSetName == FailurePointOfflineSet)
            {
                if (ProviderPaths.DefinitionFile(SessionState, DefinitionPath, "-DefinitionPath", out var notOne) is not string file)
                {
                    WriteError(notOne!);
                    return;
                }

                item.DefinitionFile = definitionFile = file;
                RunItem(item, () => WriteOffline(item.Within(ItemStep.ReadingFile, file, () => File.ReadAllText(file))));
            }
            else if (ParameterSetName == DefinitionSet)
            {
                RunItem(item, () => WriteOffline(Definition));
            }
            else
            {
                item.MoveTo(ItemStep.CallingAws);
                RunItem(item, WriteOnAws);
            }
        }

        private void WriteOffline(string text)
        {
            var request = FailurePoint != null ? ResumeRequest.FromFailurePoint(FailurePoint, StateName, inputGiven: Input != null, offline: true) : null;
            var definition = StateMachineDefinition.Parse(text);
            request ??= ResumeRequest.ForState(StateName, stateMachineArn: null, definition.TopLevelStates);
            request.CheckAgainst(definition, AskedPrecision);
            WarnIfNoInput(request);
            var copy = new GoToRewriter().Rewrite(text);
            var start = Start(request, copy, definition);
            WriteObject(Output(new GoToStateMachine
            {
                StateMachineName = definitionFile != null ? GoToCopyNames.NameFor(ResumeRequest.MachineNameOf(definitionFile)) : string.Empty,
                ExecutionArn = request.ExecutionArn,
                Definition = copy.Definition,
                Created = "Offline",
            }, request, start));
        }

        /// <summary>Never silent, online and offline alike: with no input recorded or given, the state starts with {}.</summary>
        private void WarnIfNoInput(ResumeRequest request)
        {
            if (request.RecordedInput == null && Input == null)
            {
                var none = FailurePoint != null ? $"No input was recorded for '{request.State}' in this run" : $"No input was given for '{request.State}'";
                WriteWarning($"{none}; resuming with {{}}. Pass -Input to give it the input it needs.");
            }
        }

        /// <summary>The resuming input, with the warnings a fallback to re-running the whole state deserves.</summary>
        private ResumeStart Start(ResumeRequest request, GoToDefinition copy, StateMachineDefinition definition, DistributedResumePlan? distributed = null)
        {
            var start = request.Start(JsonOf(Input, ResumeInputPart.Replacement), JsonOf(InputPatch, ResumeInputPart.Patch), copy, definition, AskedPrecision, distributed);
            foreach (var warning in start.Warnings)
            {
                WriteWarning(warning);
            }

            if (start.Plan.Codes.Contains(PrecisionCodes.NoItemBucket))
            {
                WriteWarning(ItemLocations.NoBucketAdvice);
            }

            return start;
        }

        /// <summary>
        /// A failure in a top-level Distributed Map that the copy has a twin of, resumed precisely from the failure
        /// point as read: its Map Run is read (every child, and the items: DistributedMapRunReader), with progress,
        /// so the copy runs only the items that did not succeed. Null otherwise (the Map then re-runs whole, and
        /// the start says why).
        /// </summary>
        private DistributedResumePlan? MapRunPlan(ResumeRequest request, GoToCopyPlan plan, bool failedAgain)
        {
            var point = FailurePoint;
            if (point?.MapRun == null || failedAgain || StateName != null || AskedPrecision != ResumePrecision.Precise || point.ResumeState != request.State || !point.InputKnown
                || !plan.Copy.DistributedTwins.Contains(request.State))
            {
                return null;
            }

            var run = point.MapRun;
            // Express children resume at their own state when their log group gives it; the client is made here, on the pipeline thread.
            var logs = GetLogsClient(run.MapRunArn);
            var reader = new DistributedMapRunReader(new MapRunReader(GetClient(run.MapRunArn), Retry, logs: () => logs), () => new ItemFileStore(GetS3Client(run.MapRunArn)));
            var activity = $"Reading the children of Map Run '{run.Label}'";
            try
            {
                return reader.Plan(point, plan.Copy, plan.OriginalDefinition, ItemLocations.Of(ItemBucket, ItemPrefix), CancellationToken, (read, total) =>
                {
                    var progress = new ProgressRecord(3, activity, total.HasValue ? $"{read:N0} of {total.Value:N0} children read" : $"{read:N0} children read");
                    if (total > 0)
                    {
                        progress.PercentComplete = (int)Math.Min(100, read * 100 / total.Value);
                    }

                    WriteProgress(progress);
                });
            }
            catch (StepFunctionsException e) when (!TransientRetry.IsThrottling(e))
            {
                // Never silent: the Map re-runs whole, and the precision note says why.
                return DistributedResumePlanner.NotRead(request.State, $"{e.ErrorCode}: {e.Message}");
            }
            finally
            {
                WriteProgress(new ProgressRecord(3, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        /// <summary>
        /// Writes a precise resume's item file before the copy's input is handed out: the resumed Map reads it.
        /// False when the operator declined (-WhatIf, or No at -Confirm): then no input is handed out either.
        /// </summary>
        private bool WriteItemFile(GoToStateMachine machine, ResumeStart start)
        {
            if (!(start.Distributed?.ItemFile is { } file))
            {
                return true;
            }

            if (!ShouldProcess(file.Uri, $"Write the {file.Count:N0} items of '{machine.ResumeState}' that did not succeed ({file.ByteCount:N0} bytes), which the resumed run's Map reads"))
            {
                return false;
            }

            var written = new ItemFileStore(GetS3Client(machine.ExecutionArn)).WriteAsync(file, CancellationToken).GetAwaiter().GetResult();
            machine.ItemFile = file.Uri;
            machine.ItemFileWrite = written.ToString();
            if (written == GoTo.Distributed.ItemFileWrite.AlreadyThere)
            {
                WriteNote($"{file.Uri} is already there (the same resume wrote it before): not written again.");
            }

            return true;
        }

        private GoToStateMachine Output(GoToStateMachine machine, ResumeRequest request, ResumeStart start)
        {
            machine.ResumeState = request.State;
            machine.InnerResumeState = start.Plan.InnerState;
            machine.Input = start.Input;
            machine.Precision = start.Plan.Precision.ToString();
            machine.Replayed = start.Plan.Replayed;
            machine.Rerun = start.Plan.Rerun;
            machine.PrecisionNote = start.Plan.Reason;
            machine.PrecisionCodes = start.Plan.Codes;
            if (start.Distributed is { } distributed)
            {
                machine.MapResult = distributed.MapResult;
                machine.ItemsRunAgain = distributed.ItemFile?.Count ?? FailurePoint?.MapRun?.ItemCounts?.Total;
            }

            return machine;
        }

        private void WriteOnAws()
        {
            var given = StateMachineArn.Length > 0 ? StateMachineArn : null;
            if (given != null && !StateMachineArns.IsValid(given))
            {
                WriteError(NotAStateMachine(given));
                return;
            }

            if (FailurePoint?.ExecutionArn != null && FailurePoint.StateMachineArn != null && given != null && !string.Equals(FailurePoint.StateMachineArn, given, StringComparison.Ordinal))
            {
                WriteError(ErrorRecords.Create("ConflictingStateMachineArn", ErrorCategory.InvalidArgument, given,
                    $"The failure point is of '{FailurePoint.ExecutionArn}', an execution of '{FailurePoint.StateMachineArn}'; -StateMachineArn names '{given}'.",
                    "Leave out -StateMachineArn: a failure point read from AWS is resumed on a copy of the definition its execution ran."));
                return;
            }

            var request = FailurePoint != null
                ? ResumeRequest.FromFailurePoint(FailurePoint, StateName, inputGiven: Input != null, stateMachineArn: given)
                : ResumeRequest.ForState(StateName, given);
            if (FailurePoint != null && request.ExecutionArn == null)
            {
                // Never silent: the run name that makes a resume start once comes from the failed execution's ARN.
                WriteWarning($"The failure point '{FailurePoint}' was read from a file and names no execution, so the resumed run gets no name derived from it: "
                    + "each start of this copy with its input starts one more run.");
            }

            var sourceArn = request.StateMachineArn!;
            var service = new GoToCopyService(GetClient(sourceArn));

            // Step Functions cannot say which definition an Express execution ran: the copy is of the current one,
            // which its failure point was analysed with.
            var express = request.ExecutionArn != null && ExecutionArns.IsExpress(request.ExecutionArn);
            var plan = service.Plan(sourceArn, express ? null : request.ExecutionArn, CancellationToken);
            var resumes = request.ExecutionArn == null ? null : express ? ExpressResumes(plan, ref request) : Resumes(plan, ref request);
            var definition = StateMachineDefinition.Parse(plan.OriginalDefinition);
            request.CheckAgainst(definition, AskedPrecision);
            WarnIfNoInput(request);

            var start = Start(request, plan.Copy, definition, MapRunPlan(request, plan, resumes?.FailedAgain != null));
            string created;
            switch (plan.Action)
            {
                case GoToCopyAction.Create when ShouldProcess(plan.CopyArn, $"Create state machine '{plan.CopyName}', a GoTo copy of {sourceArn}"):
                    service.Apply(plan, CancellationToken);
                    created = "New";
                    if (plan.TagsNotCopied != null)
                    {
                        WriteWarning(plan.TagsNotCopied);
                    }

                    break;
                case GoToCopyAction.Update when ShouldProcess(plan.CopyArn, $"Update the GoTo copy '{plan.CopyName}' to the definition of {request.ExecutionArn ?? sourceArn}"):
                    service.Apply(plan, CancellationToken);
                    created = "Updated";
                    break;
                case GoToCopyAction.OnMachine:
                    WriteNote($"'{plan.CopyArn}' runs a resume-ready definition: the resume starts on it, with no copy.");
                    created = "OnMachine";
                    break;
                case GoToCopyAction.Reuse:
                    WriteNote($"'{plan.CopyName}' already holds this definition: reusing it.");
                    created = "Reused";
                    break;
                default:
                    return;
            }

            var machine = Output(new GoToStateMachine
            {
                StateMachineArn = plan.CopyArn,
                StateMachineName = plan.CopyName,
                SourceStateMachineArn = sourceArn,
                ExecutionArn = request.ExecutionArn,
                Definition = plan.Copy.Definition,
                Created = created,
                Name = resumes?.RunName,
                Attempt = resumes?.Attempt,
                ResumedExecutionArn = resumes?.AlreadyResumed == true ? resumes.Latest!.ExecutionArn : null,
                ResumedStatus = resumes?.AlreadyResumed == true ? resumes.Latest!.Status : null,
            }, request, start);
            if (WriteItemFile(machine, start))
            {
                WriteObject(machine);
            }
        }

        /// <summary>
        /// The resumes of the failed execution that exist on the copy (one DescribeExecution per existing attempt
        /// and one more; none while the copy does not exist). A resumed run that failed again is resumed from its
        /// own failure point as the next attempt; one that runs or succeeded is said, and keeps its name, so
        /// starting it again starts nothing.
        /// </summary>
        private ResumedRunLookup Resumes(GoToCopyPlan plan, ref ResumeRequest request)
        {
            var executionArn = request.ExecutionArn!;
            if (plan.Action == GoToCopyAction.Create)
            {
                return ResumedRunLookup.First(executionArn);
            }

            var client = GetClient(executionArn);
            var resumes = ResumedRunLookup.FindAsync(executionArn, plan.CopyArn, (r, ct) => client.DescribeExecutionAsync(r, ct), CancellationToken).GetAwaiter().GetResult();
            if (resumes.AlreadyResumed)
            {
                WriteWarning($"'{executionArn}' is already resumed: '{resumes.Latest!.ExecutionArn}' is {resumes.Latest.Status}. Starting '{resumes.RunName}' again starts nothing.");
            }
            else if (resumes.FailedAgain is { } failed)
            {
                // The resumed run got further than the failure point given: the next attempt starts where it failed.
                var point = new FailurePointLocator().LocateDescribed(client, failed, StateMachineDefinition.TryParse(plan.Copy.Definition), CancellationToken);
                point.ExecutionArn = executionArn;
                point.StateMachineArn = request.StateMachineArn;
                WriteWarning($"'{failed.ExecutionArn}', attempt {resumes.Attempt - 1} at resuming '{executionArn}', {failed.Status} at '{point.FailedState}': attempt {resumes.Attempt} resumes from there.");
                request = ResumeRequest.FromFailurePoint(point, StateName, inputGiven: Input != null);
            }

            return resumes;
        }

        /// <summary>
        /// The resumes of an Express execution, found in the log group the copy logs to (the original's): Step
        /// Functions cannot describe Express runs, and StartExecution is not idempotent for them, so what exists is
        /// told by the runs' records (see ExpressResumeLookup). One FilterLogEvents; none while the copy does not exist.
        /// </summary>
        private ResumedRunLookup ExpressResumes(GoToCopyPlan plan, ref ResumeRequest request)
        {
            var executionArn = request.ExecutionArn!;
            if (plan.Action == GoToCopyAction.Create)
            {
                return ResumedRunLookup.First(executionArn);
            }

            var logging = plan.Action == GoToCopyAction.OnMachine
                ? GetClient(plan.CopyArn).DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = StateMachineArns.Unqualified(plan.CopyArn) }, CancellationToken).GetAwaiter().GetResult()
                : new DescribeStateMachineResponse { StateMachineArn = plan.CopyArn, Name = plan.CopyName, LoggingConfiguration = plan.Create.LoggingConfiguration };
            var logGroup = ExpressLogging.LogGroupOf(logging, needAll: true);
            var logs = GetLogsClient(executionArn);
            var resumes = ExpressResumeLookup.FindAsync(logs.FilterLogEventsAsync, logGroup, executionArn, plan.CopyArn, null, CancellationToken).GetAwaiter().GetResult();
            if (resumes.AlreadyResumed)
            {
                WriteWarning($"'{executionArn}' is already resumed: '{resumes.Latest!.ExecutionArn}' is {resumes.Latest.Status}. Start-SfnGoToExecution starts nothing for it "
                    + "(StartExecution is not idempotent for Express workflows: Start-SFNExecution would start another run).");
            }
            else if (resumes.FailedAgain is { } failed)
            {
                // The resumed run got further than the failure point given: the next attempt starts where it failed.
                var point = new ExpressFailurePointLocator().LocateInGroupAsync(logs.FilterLogEventsAsync, logGroup, failed.ExecutionArn, StateMachineDefinition.TryParse(plan.Copy.Definition),
                    failed.StartDate == default ? null : failed.StartDate.AddSeconds(-1), failed.StopDate?.AddSeconds(1), CancellationToken).GetAwaiter().GetResult();
                point = ResumedRunFailure.InOriginalTerms(point, plan.Copy);
                point.ExecutionArn = executionArn;
                point.StateMachineArn = request.StateMachineArn;
                WriteWarning($"'{failed.ExecutionArn}', attempt {resumes.Attempt - 1} at resuming '{executionArn}', {failed.Status} at '{point.FailedState}': attempt {resumes.Attempt} resumes from there.");
                request = ResumeRequest.FromFailurePoint(point, StateName, inputGiven: Input != null);
            }

            return resumes;
        }

        private static string? JsonOf(object? value, ResumeInputPart part)
        {
            try
            {
                return value == null ? null : PowerShellJson.From(value);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw ResumeRequestException.InvalidJson(part, e, text: null);
            }
        }

        /// <summary>A value given as the state machine that is none; an execution's ARN is said to be one, with the way to resume it.</summary>
        private static ErrorRecord NotAStateMachine(string value)
        {
            if (ExecutionArns.IsValid(value))
            {
                return ErrorRecords.Create("InvalidStateMachineArn", ErrorCategory.InvalidArgument, value,
                    $"'{value}' is an execution's ARN, not a state machine's: New-SfnGoToStateMachine copies a state machine, and resumes an execution from its failure point.",
                    $"Resume it from its failure point: Get-SfnFailurePoint '{value}' | New-SfnGoToStateMachine | Start-SfnGoToExecution.");
            }

            return ErrorRecords.Create("InvalidStateMachineArn", ErrorCategory.InvalidArgument, value, $"'{value}' is not a state machine ARN.",
                "Pass an ARN like arn:aws:states:us-east-1:123456789012:stateMachine:Orders (Tab completes them), or -DefinitionPath to work offline.");
        }

        /// <summary>The object the user named that the problem is about, when it is not the item itself.</summary>
        private object? TargetFor(Exception exception) => exception switch
        {
            ResumeRequestException e => e.Problem switch
            {
                ResumeProblem.InvalidInput => e.InputPart switch
                {
                    ResumeInputPart.Replacement => Input,
                    ResumeInputPart.Patch => InputPatch,
                    _ => FailurePoint,
                },
                ResumeProblem.UnknownState or ResumeProblem.NotTopLevelState when DefinitionPath.Length > 0 => DefinitionPath,
                ResumeProblem.UnknownState or ResumeProblem.NotTopLevelState when FailurePoint == null => StateMachineArn.Length > 0 ? StateMachineArn : StateName,
                _ => FailurePoint,
            },

            // A replayed output the analysis kept undecoded turned out damaged: the history's, named as the user knows it.
            HistoryFormatException when FailurePoint != null => FailurePoint.Source == "AWS" ? FailurePoint.ExecutionArn : FailurePoint.Source,
            _ => null,
        };
    }
}
