using System;
using System.IO;
using System.Management.Automation;
using SfnResume.Aws;
using SfnResume.Definitions;
using SfnResume.GoTo;
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

        /// <summary>A failure point from Get-SfnFailurePoint: the execution, its resume state, input and variables.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = FailurePointSet)]
        public FailurePoint? FailurePoint { get; set; }

        /// <summary>The state machine to copy (its current definition).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = StateMachineSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StateMachineArnCompleter))]
        public string StateMachineArn { get; set; } = string.Empty;

        /// <summary>A definition file to rewrite offline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DefinitionPathSet)]
        [ValidateNotNullOrEmpty]
        public string DefinitionPath { get; set; } = string.Empty;

        /// <summary>Definition text to rewrite offline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DefinitionSet)]
        [ValidateNotNullOrEmpty]
        public string Definition { get; set; } = string.Empty;

        /// <summary>The top-level state to resume at; with a failure point, overrides its ResumeState.</summary>
        [Parameter(ParameterSetName = FailurePointSet)]
        [Parameter(Mandatory = true, ParameterSetName = StateMachineSet)]
        [Parameter(Mandatory = true, ParameterSetName = DefinitionPathSet)]
        [Parameter(Mandatory = true, ParameterSetName = DefinitionSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StateNameCompleter))]
        public string? StateName { get; set; }

        /// <summary>The input to resume with (JSON or an object); replaces the recorded input.</summary>
        [Parameter]
        public object? Input { get; set; }

        /// <summary>Changes merged into the input (JSON Merge Patch: a hashtable or JSON; null removes a member).</summary>
        [Parameter]
        public object? InputPatch { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                if (ParameterSetName == DefinitionPathSet || ParameterSetName == DefinitionSet)
                {
                    WriteOffline();
                }
                else
                {
                    WriteOnAws();
                }
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (ResumeRequestException e)
            {
                WriteError(ErrorRecords.FromResumeRequest(e, Target(e.Problem)));
            }
            catch (DefinitionFormatException e)
            {
                WriteError(ErrorRecords.Create("InvalidDefinition", ErrorCategory.InvalidData, DefinitionPath, e.Message));
            }
            catch (ItemNotFoundException e)
            {
                WriteError(new ErrorRecord(e, "PathNotFound", ErrorCategory.ObjectNotFound, DefinitionPath));
            }
            catch (Exception e) when (ParameterSetName == DefinitionPathSet && (e is IOException || e is UnauthorizedAccessException))
            {
                WriteError(ErrorRecords.FileReadFailed(e, DefinitionPath));
            }
            catch (Exception e) when (ErrorRecords.IsExpected(e))
            {
                WriteAwsError(e, FailurePoint?.ExecutionArn ?? StateMachineArn);
            }
            catch (Exception e) when (!ErrorRecords.IsFatal(e))
            {
                WriteError(ErrorRecords.Internal(e, (object?)FailurePoint ?? (ParameterSetName == DefinitionPathSet ? DefinitionPath : StateMachineArn)));
            }
        }

        private void WriteOffline()
        {
            var text = ParameterSetName == DefinitionPathSet ? File.ReadAllText(ProviderPaths.RequireFile(SessionState, DefinitionPath, "-DefinitionPath", "the definition's file (ASL JSON)")) : Definition;
            var request = ResumeRequest.ForState(StateName!, stateMachineArn: null);
            request.CheckAgainst(StateMachineDefinition.Parse(text));
            var copy = new GoToRewriter().Rewrite(text);
            WriteObject(new GoToStateMachine
            {
                StateMachineName = ParameterSetName == DefinitionPathSet ? GoToCopyNames.NameFor(ResumeRequest.MachineNameOf(DefinitionPath)) : string.Empty,
                ResumeState = request.State,
                Input = request.ResumingInput(request.Input(JsonOf(Input, nameof(Input)), JsonOf(InputPatch, nameof(InputPatch))), copy.Variables),
                Definition = copy.Definition,
                Created = "Offline",
            });
        }

        private void WriteOnAws()
        {
            if (FailurePoint == null && !StateMachineArns.IsValid(StateMachineArn))
            {
                WriteError(ErrorRecords.Create("InvalidStateMachineArn", ErrorCategory.InvalidArgument, StateMachineArn, $"'{StateMachineArn}' is not a state machine ARN.",
                    "Pass an ARN like arn:aws:states:us-east-1:123456789012:stateMachine:Orders (Tab completes them), or -DefinitionPath to work offline."));
                return;
            }

            var request = FailurePoint != null
                ? ResumeRequest.FromFailurePoint(FailurePoint, StateName, inputGiven: Input != null)
                : ResumeRequest.ForState(StateName!, StateMachineArn);
            var sourceArn = request.StateMachineArn!;
            var service = new GoToCopyService(GetClient());
            var plan = service.Plan(sourceArn, request.ExecutionArn, CancellationToken);
            request.CheckAgainst(StateMachineDefinition.Parse(plan.OriginalDefinition));
            if (request.RecordedInput == null && Input == null)
            {
                WriteWarning($"No input was recorded for '{request.State}' in this run; resuming with {{}}. Pass -Input to give it the input it needs.");
            }

            var input = request.ResumingInput(request.Input(JsonOf(Input, nameof(Input)), JsonOf(InputPatch, nameof(InputPatch))), plan.Copy.Variables);
            string created;
            switch (plan.Action)
            {
                case GoToCopyAction.Create when ShouldProcess(plan.CopyArn, $"Create state machine '{plan.CopyName}', a GoTo copy of {sourceArn}"):
                    service.Apply(plan, CancellationToken);
                    created = "New";
                    break;
                case GoToCopyAction.Update when ShouldProcess(plan.CopyArn, $"Update the GoTo copy '{plan.CopyName}' to the definition of {request.ExecutionArn ?? sourceArn}"):
                    service.Apply(plan, CancellationToken);
                    created = "Updated";
                    break;
                case GoToCopyAction.Reuse:
                    WriteVerbose($"'{plan.CopyName}' already holds this definition: reusing it.");
                    created = "Reused";
                    break;
                default:
                    return;
            }

            WriteObject(new GoToStateMachine
            {
                StateMachineArn = plan.CopyArn,
                StateMachineName = plan.CopyName,
                SourceStateMachineArn = sourceArn,
                ExecutionArn = request.ExecutionArn,
                ResumeState = request.State,
                Input = input,
                Definition = plan.Copy.Definition,
                Created = created,
            });
        }

        private static string? JsonOf(object? value, string parameter)
        {
            try
            {
                return value == null ? null : PowerShellJson.From(value);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new ResumeRequestException(ResumeProblem.InvalidInput, $"-{parameter} cannot be written as JSON: {e.Message}", "Pass JSON text or a hashtable of JSON values.", e);
            }
        }

        /// <summary>The object the user named that the problem is about.</summary>
        private object? Target(ResumeProblem problem) => problem switch
        {
            ResumeProblem.InvalidInput => InputPatch != null && Input == null ? nameof(InputPatch) : nameof(Input),
            ResumeProblem.UnknownState or ResumeProblem.NotTopLevelState when ParameterSetName == DefinitionPathSet => DefinitionPath,
            ResumeProblem.UnknownState or ResumeProblem.NotTopLevelState when FailurePoint == null => StateMachineArn.Length > 0 ? StateMachineArn : StateName,
            _ => FailurePoint,
        };
    }
}
