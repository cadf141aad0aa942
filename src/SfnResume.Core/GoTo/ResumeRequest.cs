using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SfnResume.Definitions;
using SfnResume.History;
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

        /// <summary>The failure point the request came from, if any: a resume inside its containers starts from its recorded entry.</summary>
        private readonly FailurePoint? point;

        private ResumeRequest(string state, string? recordedInput, IReadOnlyDictionary<string, string> variables, string? stateMachineArn, string? executionArn, FailurePoint? point = null)
        {
            State = state;
            this.point = point;
            Containers = point?.Containers ?? Array.Empty<ContainerRecord>();
            RecordedInput = recordedInput;
            Variables = variables;
            StateMachineArn = stateMachineArn;
            ExecutionArn = executionArn;
        }

        /// <summary>The top-level state the copy jumps to.</summary>
        public string State { get; private set; }

        /// <summary>A state inside <see cref="State"/> (in a Parallel branch or Map iteration) the operator named to resume at.</summary>
        public string? InnerState { get; private set; }

        /// <summary>What the failed run recorded inside the Parallel and Map states on the way to the failure, outermost first.</summary>
        public IReadOnlyList<ContainerRecord> Containers { get; }

        /// <summary>The input the failed run entered <see cref="State"/> with; null when none was recorded for it.</summary>
        public string? RecordedInput { get; private set; }

        public IReadOnlyDictionary<string, string> Variables { get; private set; }

        /// <summary>The state machine to copy; null offline.</summary>
        public string? StateMachineArn { get; }

        /// <summary>The failed execution whose definition is copied; null to copy the current definition.</summary>
        public string? ExecutionArn { get; }

        /// <param name="stateName">Another state to resume at than the failure point's.</param>
        /// <param name="inputGiven">The caller replaces the input, so a history without execution data will do.</param>
        /// <exception cref="ResumeRequestException">The point cannot be resumed through a GoTo copy as asked.</exception>
        /// <param name="offline">The copy is written to a file from a definition the caller has, so a point read from a file will do.</param>
        /// <param name="stateMachineArn">The state machine to copy, for a point read from a file (which names none): its current definition is copied.</param>
        public static ResumeRequest FromFailurePoint(FailurePoint point, string? stateName, bool inputGiven, bool offline = false, string? stateMachineArn = null)
        {
            // A point from AWS copies the definition its execution ran; one from a file, the given machine's current one.
            var machine = (point.ExecutionArn != null ? point.StateMachineArn : null) ?? stateMachineArn;
            if (!offline && machine == null)
            {
                throw ResumeRequestException.FailurePointWithoutExecution(point.ExecutionName);
            }

            var state = string.IsNullOrEmpty(stateName) ? point.ResumeState : stateName;
            if (string.IsNullOrEmpty(state))
            {
                throw ResumeRequestException.NoResumeState(point.ExecutionName);
            }

            if (!inputGiven && !point.InputKnown)
            {
                throw ResumeRequestException.InputUnknown(state!, point.ExecutionName,
                    $"The history of '{point.ExecutionName}' has no execution data, so the input '{state}' was given is unknown.");
            }

            // The failure point's input and variables may have been corrected by hand, as the README shows: what
            // is not JSON is the operator's to fix, said before anything is built.
            if (!inputGiven && point.ResumeInput != null)
            {
                CheckedRecorded(point.ResumeInput, "ResumeInput", point.ExecutionName);
            }

            foreach (var variable in point.Variables)
            {
                CheckedRecorded(variable.Value, $"Variables['{variable.Key}']", point.ExecutionName);
            }

            var own = state == point.ResumeState;
            return new ResumeRequest(state!, own ? point.ResumeInput : null, own ? point.Variables : NoVariables, offline ? point.StateMachineArn : machine, point.ExecutionArn, point);
        }

        private static void CheckedRecorded(string json, string property, string execution)
        {
            try
            {
                using (JsonDocument.Parse(json))
                {
                }
            }
            catch (JsonException e)
            {
                throw ResumeRequestException.InvalidJson(ResumeInputPart.Recorded, e, json, property, execution);
            }
        }

        /// <summary>Resume a state machine (or, offline, a definition) at a state the caller names.</summary>
        /// <param name="topLevelStates">The definition's top-level states when it is at hand, for the error when no state is named.</param>
        /// <exception cref="ResumeRequestException">No state is named (NoResumeState).</exception>
        public static ResumeRequest ForState(string? stateName, string? stateMachineArn, IReadOnlyList<string>? topLevelStates = null)
        {
            if (string.IsNullOrEmpty(stateName))
            {
                throw ResumeRequestException.NoStateNamed(topLevelStates ?? Array.Empty<string>());
            }

            return new ResumeRequest(stateName!, null, NoVariables, stateMachineArn, null);
        }

        /// <summary>
        /// The state must be in the definition. A state inside a Parallel or Map can be resumed at precisely when
        /// the failure point recorded the containers around it; otherwise only its top-level ancestor can.
        /// </summary>
        /// <exception cref="ResumeRequestException">The definition has no such state, or it is nested where nothing was recorded.</exception>
        public void CheckAgainst(StateMachineDefinition definition, ResumePrecision precision = ResumePrecision.Precise)
        {
            if (definition.TopLevelStates.Count == 0)
            {
                throw ResumeRequestException.UnknownState(Named, Array.Empty<string>());
            }

            var state = definition.Find(Named);
            if (state == null)
            {
                throw ResumeRequestException.UnknownState(Named, definition.TopLevelStates.ToList());
            }

            if (state.IsTopLevel)
            {
                return;
            }

            var ancestor = state.TopLevelAncestor.Name;
            if (precision == ResumePrecision.Precise && point != null && ContainerLevelOf(state) >= 0)
            {
                InnerState = state.Name;
                State = Containers[0].StateName;
                RecordedInput = point.ResumeInput;
                Variables = point.Variables;
                return;
            }

            var why = precision == ResumePrecision.WholeState
                ? "a resume of the whole state starts at a top-level state"
                : Containers.Count == 0
                    ? "resuming inside it needs a failure point that failed inside it (its recorded input and what each branch or iteration did)"
                    : $"the failure point's failure is not in the same branch or iteration as '{Named}'";
            throw ResumeRequestException.NotTopLevel(Named, ancestor, precision == ResumePrecision.WholeState, why);
        }

        /// <summary>The state the operator named: inside a container, or the top-level one.</summary>
        private string Named => InnerState ?? State;

        /// <summary>The level of <see cref="Containers"/> holding <paramref name="state"/> directly, when every container around it is on the recorded way; -1 otherwise.</summary>
        private int ContainerLevelOf(StateInfo state)
        {
            var chain = new List<StateInfo>();
            for (var c = state.Container; c != null; c = c.Container)
            {
                chain.Insert(0, c);
            }

            if (chain.Count == 0 || chain.Count > Containers.Count)
            {
                return -1;
            }

            for (var level = 0; level < chain.Count; level++)
            {
                if (Containers[level].StateName != chain[level].Name)
                {
                    return -1;
                }

                // Above the named state's own level, the recorded way must go through the next container.
                if (level + 1 < chain.Count && Containers[level].IsMap == false && chain[level + 1].BranchIndex != Containers[level].FailedIndex)
                {
                    return -1;
                }
            }

            return Containers[chain.Count - 1].FailedIndex == null ? -1 : chain.Count - 1;
        }

        /// <summary>
        /// The input that starts the copy. Precise (the default) when the failure lies inside a Parallel or Map
        /// and the copy has its twin: what succeeded replays its recorded output and only the rest runs, and
        /// <paramref name="replacement"/> and <paramref name="patch"/> apply to the innermost state that runs
        /// again. Otherwise the top-level state re-runs whole with the corrected input, and when precision was
        /// asked for, a warning says why it could not be had.
        /// </summary>
        /// <param name="distributed">
        /// For a failure in a top-level Distributed Map: its Map Run read and planned (<see cref="Distributed.DistributedMapRunReader"/>).
        /// Precise, the copy starts at the Map with the item file named in its replay data; else the Map re-runs
        /// whole for the plan's reasons.
        /// </param>
        /// <exception cref="ResumeRequestException">The replacement or the patch is not JSON, or a named inner state has no recorded input and none was given.</exception>
        public ResumeStart Start(string? replacement, string? patch, GoToDefinition copy, StateMachineDefinition definition, ResumePrecision precision, Distributed.DistributedResumePlan? distributed = null)
        {
            var warnings = new List<string>();
            if (distributed != null && precision == ResumePrecision.Precise && InnerState == null)
            {
                var plan = distributed.Replay;
                if (replacement != null || patch != null)
                {
                    warnings.Add($"The input given and the patch apply to the input of '{State}', the Distributed Map: its ItemReader and ItemSelector read the changed input.");
                }

                var input = GoTo.ResumingInput.Create(State, Input(replacement, patch), Variables, copy.Variables, plan.Precision == ResumePrecision.Precise ? plan.ReplayJson : null);
                return new ResumeStart(input, plan, Warned(plan, warnings)) { Distributed = distributed };
            }

            if (precision == ResumePrecision.Precise && Containers.Count > 0 && Containers[0].StateName == State)
            {
                var inner = InnerResume(replacement, patch, definition, out var path);
                var plan = ReplayPlanner.Plan(path, copy, definition, inner);
                if (plan.Precision == ResumePrecision.Precise)
                {
                    var input = GoTo.ResumingInput.Create(State, RecordedInput ?? "{}", Variables, copy.Variables, plan.ReplayJson);
                    var bytes = GoTo.ResumingInput.ByteCount(input);
                    if (bytes <= GoTo.ResumingInput.MaxBytes)
                    {
                        return new ResumeStart(input, plan, Warned(plan, warnings));
                    }

                    plan = ReplayPlan.Whole(State, new PrecisionReason(PrecisionCodes.InputTooLarge,
                        $"'{State}' re-runs whole: with the recorded outputs of what succeeded inside it the input would be {bytes:N0} bytes, over StartExecution's limit of {GoTo.ResumingInput.MaxBytes:N0} (256 KiB). "
                        + "A Map whose results are not needed after it (ResultPath null) needs no recorded outputs, and so fits."));
                }

                Warned(plan, warnings);
                if (replacement != null || patch != null)
                {
                    warnings.Add($"The input given and the patch apply to the input of '{State}', the state that re-runs.");
                }

                return new ResumeStart(ResumingInput(Input(replacement, patch), copy.Variables), plan, warnings);
            }

            if (InnerState != null)
            {
                throw ResumeRequestException.NotTopLevel(InnerState, State, wholeStateAsked: true, "a resume of the whole state starts at a top-level state");
            }

            var whole = WhyWhole(definition, precision) is PrecisionReason why ? ReplayPlan.Whole(State, MapRunNotRead(copy, why)) : ReplayPlan.AtState(State);
            return new ResumeStart(ResumingInput(Input(replacement, patch), copy.Variables), whole, Warned(whole, warnings));
        }

        /// <summary>
        /// A Distributed Map with a twin whose failure point holds no record of its iterations (a parent's
        /// history never does): what is missing is its Map Run, read by the drill-down, and the way in is
        /// <see cref="Distributed.DistributedResumePlanner"/>.
        /// </summary>
        private PrecisionReason MapRunNotRead(GoToDefinition copy, PrecisionReason why) =>
            why.Code == PrecisionCodes.NoContainerRecord && copy.DistributedTwins.Contains(State)
                ? new PrecisionReason(PrecisionCodes.NoContainerRecord, $"'{State}' re-runs whole, every item: it is a Distributed Map, and running only its unfinished items needs its Map Run read (each child's outcome and input), which this resume did not do.")
                : why;

        /// <summary>The plan's reasons that deserve a warning, added to <paramref name="warnings"/>.</summary>
        private static List<string> Warned(ReplayPlan plan, List<string> warnings)
        {
            warnings.AddRange(plan.Reasons.Where(r => r.Warns).Select(r => r.Message));
            return warnings;
        }

        /// <summary>
        /// Why <see cref="State"/> re-runs whole when no recorded container leads into it; null when it is no
        /// Parallel or Map, so that nothing inside it could have been replayed.
        /// </summary>
        private PrecisionReason? WhyWhole(StateMachineDefinition definition, ResumePrecision precision)
        {
            var type = definition.Find(State)?.Type;
            if (type != "Parallel" && type != "Map")
            {
                return null;
            }

            var inside = type == "Map" ? "iterations" : "branches";
            var whole = $"'{State}' re-runs whole, every one of its {inside}";
            if (precision == ResumePrecision.WholeState)
            {
                return new PrecisionReason(PrecisionCodes.WholeAsked, $"{whole}: a whole-state resume was asked for.", warns: false);
            }

            if (point == null)
            {
                return new PrecisionReason(PrecisionCodes.NoFailurePoint,
                    $"{whole}: without a failure point nothing is known of what its {inside} did. To replay what finished, resume from the failed run's failure point instead of naming the state.");
            }

            if (point.ResumeState != State)
            {
                return new PrecisionReason(PrecisionCodes.FailedElsewhere,
                    $"{whole}: the failure point's run failed {(point.ResumeState == null ? "elsewhere" : $"in '{point.ResumeState}'")}, not inside it, so nothing was recorded of its {inside}.");
            }

            if (point.QueryLanguage == null)
            {
                return new PrecisionReason(PrecisionCodes.NoDefinitionInAnalysis,
                    $"{whole}: the failure point was found without the state machine's definition, so it does not tell what each of its {inside} did. "
                    + "Read it again with the definition (for a saved history, with its definition file; on AWS, with permission to call DescribeStateMachineForExecution) so the analysis can see inside it.");
            }

            return new PrecisionReason(PrecisionCodes.NoContainerRecord,
                $"{whole}: the failure point holds no record of what its {inside} did{(point.InputKnown ? string.Empty : " (the history has no execution data)")}. "
                + "Read the failure point again from the full history, with its execution data, so the analysis can see inside it.");
        }

        /// <summary>Where the innermost level resumes and with what input, and the recorded way down to it.</summary>
        private ReplayOverride? InnerResume(string? replacement, string? patch, StateMachineDefinition definition, out IReadOnlyList<ContainerRecord> path)
        {
            var way = Containers;
            var state = InnerState == null ? null : definition.Find(InnerState);
            var level = state == null ? way.Count - 1 : ContainerLevelOf(state);
            path = way.Take(level + 1).ToList();
            var record = way[level];
            var index = state?.BranchIndex ?? record.FailedIndex;
            if (index == null || index < 0 || index >= record.Branches.Count)
            {
                return null;
            }

            var branch = record.Branches[index.Value];
            var name = InnerState ?? branch.ResumeState;
            if (name == null)
            {
                return null;
            }

            var recorded = branch.ResumeState == name ? branch.ResumeInput : null;
            if (recorded == null && replacement == null && InnerState == null)
            {
                // Nothing recorded where the failure lies: that branch runs from its start.
                return null;
            }

            if (recorded == null && replacement == null)
            {
                throw ResumeRequestException.InputUnknown(name, point?.ExecutionName,
                    $"The failed run recorded no input for '{name}' in {(record.IsMap ? $"iteration {index}" : $"branch {index + 1}")} of '{record.StateName}'.");
            }

            if (recorded != null && replacement == null && patch == null && InnerState == null)
            {
                return null;
            }

            return new ReplayOverride(record.StateName, index.Value, name, Apply(replacement != null ? Checked(replacement, ResumeInputPart.Replacement) : recorded!, patch));
        }

        /// <summary>
        /// The input to resume with: <paramref name="replacement"/> if given, else the recorded input, else
        /// <c>{}</c>; then <paramref name="patch"/> merged in (JSON Merge Patch, RFC 7396).
        /// </summary>
        /// <exception cref="ResumeRequestException">The replacement or the patch is not JSON.</exception>
        public string Input(string? replacement, string? patch)
        {
            return Apply(replacement != null ? Checked(replacement, ResumeInputPart.Replacement) : RecordedInput ?? "{}", patch);
        }

        private static string Apply(string input, string? patch)
        {
            if (patch == null)
            {
                return input;
            }

            try
            {
                return JsonMergePatch.Apply(input, Checked(patch, ResumeInputPart.Patch));
            }
            catch (JsonException e)
            {
                throw ResumeRequestException.InvalidJson(ResumeInputPart.Patch, e, text: null);
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

        private static string Checked(string json, ResumeInputPart part)
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
                throw ResumeRequestException.InvalidJson(part, e, json);
            }
        }
    }
}
