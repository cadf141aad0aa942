using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SfnResume.Aws;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.Json;
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
            catch (DefinitionFormatException e)
            {
                WriteError(ErrorRecords.Create("InvalidDefinition", ErrorCategory.InvalidData, DefinitionPath, e.Message));
            }
            catch (ArgumentException e) when (e.ParamName == nameof(Input) || e.ParamName == nameof(InputPatch))
            {
                WriteError(ErrorRecords.Create("InvalidInput", ErrorCategory.InvalidArgument, e.ParamName, e.Message, "Pass JSON text or a hashtable."));
            }
            catch (Exception e) when (ErrorRecords.IsExpected(e))
            {
                WriteAwsError(e, FailurePoint?.ExecutionArn ?? StateMachineArn);
            }
        }

        private void WriteOffline()
        {
            var text = ParameterSetName == DefinitionPathSet
                ? File.ReadAllText(SessionState.Path.GetUnresolvedProviderPathFromPSPath(DefinitionPath))
                : Definition;
            var definition = StateMachineDefinition.Parse(text);
            if (!CheckTarget(definition, StateName!, StateName!))
            {
                return;
            }

            var copy = new GoToRewriter().Rewrite(text);
            WriteObject(new GoToStateMachine
            {
                StateMachineName = ParameterSetName == DefinitionPathSet ? GoToCopyNames.NameFor(MachineNameOf(DefinitionPath)) : string.Empty,
                ResumeState = StateName!,
                Input = ResumingInput.Create(StateName!, ResolveInput(null), new Dictionary<string, string>(), copy.Variables),
                Definition = copy.Definition,
                Created = "Offline",
            });
        }

        private void WriteOnAws()
        {
            var point = FailurePoint;
            var sourceArn = point?.StateMachineArn ?? StateMachineArn;
            var target = StateName ?? point?.ResumeState;
            if (point != null && (point.ExecutionArn == null || point.StateMachineArn == null))
            {
                WriteError(ErrorRecords.Create("FailurePointWithoutExecution", ErrorCategory.InvalidArgument, point,
                    $"The failure point '{point.ExecutionName}' was read from a file and names no state machine.",
                    "Use -StateMachineArn with -StateName, or -DefinitionPath to write the copy offline."));
                return;
            }

            if (string.IsNullOrEmpty(target))
            {
                WriteError(ErrorRecords.Create("NoResumeState", ErrorCategory.InvalidArgument, point, "The failure point names no state to resume at.", "Pass -StateName."));
                return;
            }

            if (point != null && Input == null && !point.InputKnown)
            {
                WriteError(ErrorRecords.Create("ResumeInputUnknown", ErrorCategory.InvalidData, point,
                    $"The history of '{point.ExecutionName}' has no execution data, so the input '{target}' was given is unknown.",
                    "Pass the input to resume with as -Input."));
                return;
            }

            var service = new GoToCopyService(GetClient());
            var plan = service.Plan(sourceArn, point?.ExecutionArn, CancellationToken);
            if (!CheckTarget(StateMachineDefinition.Parse(plan.OriginalDefinition), target!, sourceArn))
            {
                return;
            }

            var recordedInput = point != null && target == point.ResumeState ? point.ResumeInput : null;
            if (recordedInput == null && Input == null)
            {
                WriteWarning($"No input was recorded for '{target}' in this run; resuming with {{}}. Pass -Input to give it the input it needs.");
            }

            var variables = point != null && target == point.ResumeState ? point.Variables : new Dictionary<string, string>();
            var input = ResumingInput.Create(target!, ResolveInput(recordedInput), variables, plan.Copy.Variables);

            string created;
            switch (plan.Action)
            {
                case GoToCopyAction.Create when ShouldProcess(plan.CopyArn, $"Create state machine '{plan.CopyName}', a GoTo copy of {sourceArn}"):
                    service.Apply(plan, CancellationToken);
                    created = "New";
                    break;
                case GoToCopyAction.Update when ShouldProcess(plan.CopyArn, $"Update the GoTo copy '{plan.CopyName}' to the definition of {point?.ExecutionArn ?? sourceArn}"):
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
                ExecutionArn = point?.ExecutionArn,
                ResumeState = target!,
                Input = input,
                Definition = plan.Copy.Definition,
                Created = created,
            });
        }

        /// <summary>orders.asl.json and orders.json both name the machine "orders".</summary>
        private static string MachineNameOf(string definitionPath)
        {
            var name = Path.GetFileNameWithoutExtension(definitionPath);
            return name.EndsWith(".asl", StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - 4) : name;
        }

        /// <summary>A Choice at the top can only jump to a top-level state; say which one to use instead.</summary>
        private bool CheckTarget(StateMachineDefinition definition, string target, object errorTarget)
        {
            var state = definition.Find(target);
            if (state == null)
            {
                WriteError(ErrorRecords.Create("UnknownState", ErrorCategory.ObjectNotFound, errorTarget,
                    $"The state machine has no state '{target}'. Its top-level states are: {string.Join(", ", definition.TopLevelStates.Select(s => $"'{s}'"))}.",
                    "Pass one of the top-level states as -StateName."));
                return false;
            }

            if (!state.IsTopLevel)
            {
                var ancestor = state.TopLevelAncestor.Name;
                WriteError(ErrorRecords.Create("NotTopLevelState", ErrorCategory.InvalidArgument, errorTarget,
                    $"'{target}' is inside '{ancestor}'; a resumed run can only start at a top-level state.",
                    $"Pass -StateName '{ancestor}': it re-runs '{ancestor}' as a whole."));
                return false;
            }

            return true;
        }

        private string ResolveInput(string? recorded)
        {
            string input;
            try
            {
                input = Input != null ? PowerShellJson.From(Input) : recorded ?? "{}";
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new ArgumentException("-Input is not valid JSON: " + e.Message, nameof(Input), e);
            }

            try
            {
                return InputPatch == null ? input : JsonMergePatch.Apply(input, PowerShellJson.From(InputPatch));
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new ArgumentException("-InputPatch is not valid JSON: " + e.Message, nameof(InputPatch), e);
            }
        }
    }
}
