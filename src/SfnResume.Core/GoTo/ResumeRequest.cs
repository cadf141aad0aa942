using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SfnResume.Definitions;
using SfnResume.Json;

namespace SfnResume.GoTo
{
    /// <summary>
    /// What a GoTo resume starts from, decided before anything changes on AWS: the top-level state to resume
    /// at, the input recorded for it and the variables in scope there. From a failure point its resume state
    /// is the default; naming another state drops the recorded input and variables, which belong to the
    /// failed state's entry only.
    /// </summary>
    public sealed class ResumeRequest
    {
        private static readonly IReadOnlyDictionary<string, string> NoVariables = new Dictionary<string, string>();

        private ResumeRequest(string state, string? recordedInput, IReadOnlyDictionary<string, string> variables, string? stateMachineArn, string? executionArn)
        {
            State = state;
            RecordedInput = recordedInput;
            Variables = variables;
            StateMachineArn = stateMachineArn;
            ExecutionArn = executionArn;
        }

        /// <summary>The top-level state the copy jumps to.</summary>
        public string State { get; }

        /// <summary>The input the failed run entered <see cref="State"/> with; null when none was recorded for it.</summary>
        public string? RecordedInput { get; }

        public IReadOnlyDictionary<string, string> Variables { get; }

        /// <summary>The state machine to copy; null offline.</summary>
        public string? StateMachineArn { get; }

        /// <summary>The failed execution whose definition is copied; null to copy the current definition.</summary>
        public string? ExecutionArn { get; }

        /// <param name="stateName">Another state to resume at than the failure point's.</param>
        /// <param name="inputGiven">The caller replaces the input, so a history without execution data will do.</param>
        /// <exception cref="ResumeRequestException">The point cannot be resumed through a GoTo copy as asked.</exception>
        public static ResumeRequest FromFailurePoint(FailurePoint point, string? stateName, bool inputGiven)
        {
            if (point.ExecutionArn == null || point.StateMachineArn == null)
            {
                throw new ResumeRequestException(ResumeProblem.FailurePointWithoutExecution,
                    $"The failure point '{point.ExecutionName}' was read from a file and names no state machine.",
                    "Use -StateMachineArn with -StateName, or -DefinitionPath to write the copy offline.");
            }

            var state = string.IsNullOrEmpty(stateName) ? point.ResumeState : stateName;
            if (string.IsNullOrEmpty(state))
            {
                throw new ResumeRequestException(ResumeProblem.NoResumeState, "The failure point names no state to resume at.", "Pass -StateName.");
            }

            if (!inputGiven && !point.InputKnown)
            {
                throw new ResumeRequestException(ResumeProblem.ResumeInputUnknown,
                    $"The history of '{point.ExecutionName}' has no execution data, so the input '{state}' was given is unknown.",
                    "Pass the input to resume with as -Input.");
            }

            var own = state == point.ResumeState;
            return new ResumeRequest(state!, own ? point.ResumeInput : null, own ? point.Variables : NoVariables, point.StateMachineArn, point.ExecutionArn);
        }

        /// <summary>Resume a state machine (or, offline, a definition) at a state the caller names.</summary>
        public static ResumeRequest ForState(string stateName, string? stateMachineArn)
        {
            return new ResumeRequest(stateName, null, NoVariables, stateMachineArn, null);
        }

        /// <summary>A Choice at the top can only jump to a top-level state; says which one to use instead.</summary>
        /// <exception cref="ResumeRequestException">The definition has no such state, or it is nested.</exception>
        public void CheckAgainst(StateMachineDefinition definition)
        {
            if (definition.TopLevelStates.Count == 0)
            {
                throw new ResumeRequestException(ResumeProblem.UnknownState, $"The definition has no states, so there is no '{State}' to resume at.", "Check that -DefinitionPath names the state machine's definition.");
            }

            var state = definition.Find(State);
            if (state == null)
            {
                throw new ResumeRequestException(ResumeProblem.UnknownState,
                    $"The state machine has no state '{State}'. Its top-level states are: {string.Join(", ", definition.TopLevelStates.Select(s => $"'{s}'"))}.",
                    "Pass one of the top-level states as -StateName.");
            }

            if (!state.IsTopLevel)
            {
                var ancestor = state.TopLevelAncestor.Name;
                throw new ResumeRequestException(ResumeProblem.NotTopLevelState,
                    $"'{State}' is inside '{ancestor}'; a resumed run can only start at a top-level state.",
                    $"Pass -StateName '{ancestor}': it re-runs '{ancestor}' as a whole.");
            }
        }

        /// <summary>
        /// The input to resume with: <paramref name="replacement"/> if given, else the recorded input, else
        /// <c>{}</c>; then <paramref name="patch"/> merged in (JSON Merge Patch, RFC 7396).
        /// </summary>
        /// <exception cref="ResumeRequestException">The replacement or the patch is not JSON.</exception>
        public string Input(string? replacement, string? patch)
        {
            var input = replacement != null ? Checked(replacement, "-Input") : RecordedInput ?? "{}";
            if (patch == null)
            {
                return input;
            }

            try
            {
                return JsonMergePatch.Apply(input, Checked(patch, "-InputPatch"));
            }
            catch (JsonException e)
            {
                throw new ResumeRequestException(ResumeProblem.InvalidInput, "-InputPatch is not valid JSON: " + e.Message, "Pass JSON text or a hashtable.", e);
            }
        }

        /// <summary>The copy's start input: the resuming envelope around <paramref name="input"/>.</summary>
        public string ResumingInput(string input, IEnumerable<string> restoredVariables)
        {
            return GoTo.ResumingInput.Create(State, input, Variables, restoredVariables);
        }

        /// <summary>orders.asl.json and orders.json both name the machine "orders".</summary>
        public static string MachineNameOf(string definitionPath)
        {
            var name = Path.GetFileNameWithoutExtension(definitionPath);
            return name.EndsWith(".asl", StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - 4) : name;
        }

        private static string Checked(string json, string parameter)
        {
            try
            {
                using (JsonDocument.Parse(json))
                {
                    return json;
                }
            }
            catch (JsonException e)
            {
                throw new ResumeRequestException(ResumeProblem.InvalidInput, $"{parameter} is not valid JSON: " + e.Message, "Pass JSON text or a hashtable.", e);
            }
        }
    }
}
