using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SfnResume.Aws.Model;
using SfnResume.Definitions;
using SfnResume.Json;

namespace SfnResume.History
{
    /// <summary>
    /// Locates the failure in a history read newest first, reading no further back than the answer needs.
    /// <para>From the terminal event (failed, timed out, aborted) it follows <c>previousEventId</c> links, by
    /// event order where a real event carries 0, to the event where the error arose, or to the state that
    /// was still open; never past the start of the latest attempt (the last <c>ExecutionRedriven</c>).
    /// The failed state's top-level ancestor is the resume state: a Choice can only jump to a top-level state.
    /// A failure caught and routed to a Fail state resumes at the state that raised it; a Fail reached
    /// through a Choice resumes at the state whose output the Choice judged.</para>
    /// </summary>
    public sealed class FailurePointFinder
    {
        internal const string PathSeparator = " > ";

        /// <param name="newestFirst">The history, newest event first (GetExecutionHistory with reverseOrder).</param>
        /// <param name="definition">The definition the execution ran, when known: it names each state's place
        /// and the variables worth restoring, so less of the history has to be read.</param>
        /// <param name="cancellationToken">Observed at every event read or visited, so Ctrl+C ends any analysis at once.</param>
        /// <exception cref="ExecutionNotFailedException">The newest event is not a failure.</exception>
        /// <exception cref="HistoryFormatException">The history is damaged: repeated or unordered ids, links that do not point back.</exception>
        public FailureAnalysis Analyze(IEnumerable<HistoryEvent> newestFirst, StateMachineDefinition? definition, CancellationToken cancellationToken = default)
        {
            var window = new HistoryWindow(newestFirst, cancellationToken);
            var terminal = window.Newest ?? throw new HistoryFormatException("The history has no events.");
            if (!HistoryEventKinds.IsTerminalFailure(terminal))
            {
                var status = HistoryEventKinds.StatusOf(terminal);
                throw new ExecutionNotFailedException(status, $"The execution has not failed: its last event is {terminal.Type} (status {status}).");
            }

            var notes = new List<string>();
            var analysis = new FailureAnalysis { Status = HistoryEventKinds.StatusOf(terminal) };

            // Events from a top-level state's entry to the end, placed in their branches and iterations: made
            // once, for the state still open at a timeout and for the path and records of the failure.
            HistoryPlacement? placed = null;
            HistoryPlacement Place(HistoryEvent topEntered) =>
                placed?.Start == topEntered ? placed : placed = PlacementFrom(window, terminal, topEntered, definition!, cancellationToken);

            // 1. From the terminal event back to where the error arose, or to the state still open.
            var (origin, open, lastExited) = WalkFromTerminal(window, terminal);
            if (terminal.PreviousEventId <= 0 && terminal.Type != "ExecutionFailed" && definition != null
                && OpenWhenStopped(window, terminal, definition, Place, cancellationToken) is HistoryEvent running)
            {
                // A timeout or an abort links to nothing: the event just before it in the file may belong to a
                // branch or iteration that had finished, and a failure on the way back from there was retried.
                // What was still running comes from the placement.
                (origin, open) = (null, running);
            }
            HistoryEvent? failedEntered = null;
            if (origin != null)
            {
                failedEntered = origin.Type == "FailStateEntered" ? origin
                    : origin.Type == "EvaluationFailed" ? FindEntered(window, origin.Details?.State, origin.Id)
                    : OpenStateBefore(window, origin);
            }
            else if (open != null)
            {
                failedEntered = open;
                if (terminal.Type == "ExecutionFailed")
                {
                    notes.Add($"No state reported an error; '{open.StateName}' was still running when the execution failed ({terminal.Details?.Error}).");
                }
            }
            else if (lastExited != null)
            {
                failedEntered = FindEntered(window, lastExited.StateName, lastExited.Id);
                notes.Add($"No state was running when the execution stopped; '{lastExited.StateName}' was the last state to finish.");
            }

            var originOrTerminal = origin ?? terminal;
            analysis.EventId = originOrTerminal.Id;
            analysis.FailedAt = originOrTerminal.Timestamp;
            analysis.Error = terminal.Details?.Error ?? origin?.Details?.Error;
            analysis.Cause = terminal.Details?.Cause ?? origin?.Details?.Cause;
            analysis.FailedState = failedEntered?.StateName;
            if (failedEntered == null)
            {
                notes.Add("The history does not show which state failed.");
                analysis.Notes = notes;
                analysis.EventsRead = window.EventsRead;
                return analysis;
            }

            analysis.RetryCount = CountRetries(window, origin, failedEntered);
            var mapRunFailed = FindMapRun(window, terminal, failedEntered, out var mapRunArn);
            analysis.MapRunArn = mapRunArn;
            analysis.MapRunError = mapRunFailed?.Details?.Error;
            analysis.MapRunCause = mapRunFailed?.Details?.Cause;

            // 2. Where to resume: the state whose error a Catch routed to a Fail state, or the failed state.
            var resumeFrom = failedEntered;
            if (failedEntered.Type == "FailStateEntered")
            {
                var (raisedBy, caughtError) = ExplainFail(window, failedEntered, notes);
                resumeFrom = raisedBy ?? failedEntered;
                analysis.Error ??= caughtError?.Details?.Error;
                analysis.Cause ??= caughtError?.Details?.Cause;
            }

            // 3. The path of containers (Parallel branches, Map iterations) from the top level down, each event
            // placed in its branch or iteration by the chain it links into.
            var placement = definition == null ? null : PlacementAround(window, failedEntered, definition, Place);
            var failedPath = ContainersOf(window, failedEntered, definition, placement);
            analysis.FailedStatePath = PathSegments(failedPath, failedEntered, definition);
            var resumePath = resumeFrom == failedEntered ? failedPath : ContainersOf(window, resumeFrom, definition, placement);
            var resumeEntered = resumePath.Count > 0 ? resumePath[0].Entered : resumeFrom;
            CheckConsistent(window, terminal, failedEntered, resumeEntered, definition);
            analysis.ResumeState = resumeEntered.StateName;
            analysis.ResumeStateEventId = resumeEntered.Id;
            analysis.ResumeInput = resumeEntered.Details?.Input;
            if (analysis.ResumeInput == null)
            {
                notes.Add("The history has no execution data (read without it, or redacted): the input to resume with is unknown.");
            }

            if (resumeEntered.Type == "FailStateEntered")
            {
                notes.Add($"'{analysis.ResumeState}' is a Fail state: resuming there fails again unless the input changes the error it raises.");
            }

            // 4. Variables in scope at the resume state's entry.
            analysis.Variables = RestoreVariables(window, resumeEntered, definition);
            analysis.FailedStateInput = failedEntered.Details?.Input;

            // 5. Inside Parallel and Map: what each branch and iteration did, so only the failed ones re-run.
            if (definition != null && placement != null && resumePath.Count > 0)
            {
                analysis.Containers = RecordContainers(placement, resumePath, resumeFrom, definition, cancellationToken);
            }
            else if (definition != null && HistoryEventKinds.IsContainerEntered(resumeEntered))
            {
                // A top-level Parallel or Map whose error a Catch routed away: it runs again, but only what
                // did not finish inside it.
                analysis.Containers = RecordCaught(Place(resumeEntered), resumeEntered, definition, cancellationToken);
            }

            analysis.Notes = notes;
            analysis.EventsRead = window.EventsRead;
            return analysis;
        }

        /// <summary>
        /// The record of every container on the way to <paramref name="resumeFrom"/>, outermost first, each
        /// pointing at the branch or iteration the way goes through and where in it to resume.
        /// </summary>
        private static IReadOnlyList<ContainerRecord> RecordContainers(HistoryPlacement placement, List<Container> path, HistoryEvent resumeFrom, StateMachineDefinition definition, CancellationToken cancellationToken)
        {
            var top = path[0].Entered;
            var reader = new ContainerRecordReader(placement, definition, cancellationToken);
            var records = new List<ContainerRecord>();
            ContainerRecord? record = reader.Read(top);
            for (var level = 0; level < path.Count && record != null; level++)
            {
                records.Add(record);
                var child = level + 1 < path.Count ? path[level + 1].Entered : resumeFrom;
                var childName = child.StateName ?? string.Empty;
                var index = record.IsMap ? path[level].Iteration : definition.Find(childName)?.BranchIndex;
                if (index == null || index < 0 || index >= record.Branches.Count)
                {
                    break;
                }

                record.FailedIndex = index;
                var branch = record.Branches[index.Value];
                branch.Outcome = BranchOutcome.Failed;
                branch.Output = null;
                branch.ResumeState = childName;
                branch.ResumeInput = child.Details?.Input;
                if (level + 1 < path.Count)
                {
                    branch.Nested = branch.Nested?.StateName == childName ? branch.Nested : reader.Read(child);
                }
                else
                {
                    // The resume state itself: when it is a Parallel or Map (a Catch took its error away),
                    // what finished inside it replays.
                    branch.Nested = HistoryEventKinds.IsContainerEntered(child) ? reader.Read(child) : null;
                }

                record = branch.Nested;
            }

            return records;
        }

        private static IReadOnlyList<ContainerRecord> RecordCaught(HistoryPlacement placement, HistoryEvent containerEntered, StateMachineDefinition definition, CancellationToken cancellationToken)
        {
            var record = new ContainerRecordReader(placement, definition, cancellationToken).Read(containerEntered);
            var failed = record.Branches.FirstOrDefault(b => b.Outcome == BranchOutcome.Failed);
            record.FailedIndex = failed?.Index;
            return new[] { record };
        }

        /// <summary>
        /// An answer must agree with what it came from: the resume state is top-level in the definition given,
        /// its entry is in the latest attempt, and the input it recorded is JSON. A damaged history (a missing
        /// Parallel entry, links across a redrive) or a definition of another state machine breaks that.
        /// </summary>
        private static void CheckConsistent(HistoryWindow window, HistoryEvent terminal, HistoryEvent failedEntered, HistoryEvent resumeEntered, StateMachineDefinition? definition)
        {
            if (definition != null)
            {
                var failed = failedEntered.StateName ?? string.Empty;
                if (definition.Find(failed) == null)
                {
                    throw new DefinitionFormatException($"The definition has no state '{failed}', which the history ran: it is not the definition this execution ran.");
                }

                var resume = definition.Find(resumeEntered.StateName ?? string.Empty);
                if (resume == null || !resume.IsTopLevel)
                {
                    throw new HistoryFormatException($"The history resumes at '{resumeEntered.StateName}' (event {resumeEntered.Id}), which the definition places inside '{resume?.TopLevelAncestor.Name}': the history misses that state's entry, or the definition is another one.");
                }
            }

            foreach (var e in window.Descending(terminal.Id - 1))
            {
                if (e.Id <= resumeEntered.Id)
                {
                    break;
                }

                if (e.Type == "ExecutionRedriven")
                {
                    throw new HistoryFormatException($"The links from the end of the execution lead to event {resumeEntered.Id}, before the redrive at event {e.Id}: the history is damaged.");
                }
            }

            var input = resumeEntered.Details?.Input;
            if (input != null && !JsonValues.IsJson(input))
            {
                throw new HistoryFormatException($"The input recorded for '{resumeEntered.StateName}' (event {resumeEntered.Id}) is not JSON.");
            }
        }

        private static (HistoryEvent? Origin, HistoryEvent? Open, HistoryEvent? LastExited) WalkFromTerminal(HistoryWindow window, HistoryEvent terminal)
        {
            var pending = new Dictionary<string, int>(StringComparer.Ordinal);
            HistoryEvent? lastExited = null;
            for (var e = window.Previous(terminal); e != null && !HistoryEventKinds.IsSegmentStart(e); e = window.Previous(e))
            {
                if (HistoryEventKinds.IsFailureOrigin(e))
                {
                    return (e, null, lastExited);
                }

                if (HistoryEventKinds.IsStateExited(e))
                {
                    lastExited ??= e;
                    Increment(pending, e.StateName);
                }
                else if (HistoryEventKinds.IsStateEntered(e) && !TryClose(pending, e.StateName))
                {
                    return (null, e, lastExited);
                }
            }

            return (null, null, lastExited);
        }

        /// <summary>The innermost state that was entered and not exited, walking back from <paramref name="e"/>'s predecessor.</summary>
        private static HistoryEvent? OpenStateBefore(HistoryWindow window, HistoryEvent e)
        {
            var pending = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var current = window.Previous(e); current != null && !HistoryEventKinds.IsSegmentStart(current); current = window.Previous(current))
            {
                if (HistoryEventKinds.IsStateExited(current))
                {
                    Increment(pending, current.StateName);
                }
                else if (HistoryEventKinds.IsStateEntered(current) && current.Type != "FailStateEntered" && !TryClose(pending, current.StateName))
                {
                    return current;
                }
            }

            return null;
        }

        /// <summary>
        /// The entry of the state <paramref name="exited"/> left, found by following links back from its exit,
        /// so within its own branch or iteration: the same state's latest entry by event order may belong to
        /// another iteration running beside it. A container's exit leads back through its branches to its own
        /// entry before any earlier one.
        /// </summary>
        private static HistoryEvent? EnteredOf(HistoryWindow window, HistoryEvent exited)
        {
            var name = exited.StateName;
            for (var e = window.Previous(exited); e != null && !HistoryEventKinds.IsSegmentStart(e); e = window.Previous(e))
            {
                if (HistoryEventKinds.IsStateEntered(e) && e.StateName == name)
                {
                    return e;
                }
            }

            return name == null ? null : FindEntered(window, name, exited.Id);
        }

        /// <summary>The latest Entered event of the named state before <paramref name="beforeId"/>.</summary>
        private static HistoryEvent? FindEntered(HistoryWindow window, string? name, long beforeId)
        {
            return name == null ? null : window.Descending(beforeId - 1).FirstOrDefault(e => HistoryEventKinds.IsStateEntered(e) && e.StateName == name);
        }

        /// <summary>
        /// A Fail state ends the run on purpose. Reached from a state that caught an error, resume at that state;
        /// reached from a Choice (or any state that completed normally), resume at the state whose output was
        /// judged; a Fail state entered first, in the execution or in a branch, leaves nothing better than itself.
        /// </summary>
        private static (HistoryEvent? RaisedBy, HistoryEvent? CaughtError) ExplainFail(HistoryWindow window, HistoryEvent failEntered, List<string> notes)
        {
            var failName = failEntered.StateName;
            if (failEntered.PreviousEventId <= 0)
            {
                return (null, null);
            }

            var before = window.Get(failEntered.PreviousEventId);
            if (before == null || !HistoryEventKinds.IsStateExited(before))
            {
                return (null, null);
            }

            var exitedName = before.StateName;
            var raisedBy = EnteredOf(window, before);
            var lastOfState = window.Previous(before);
            if (lastOfState != null && HistoryEventKinds.IsFailure(lastOfState))
            {
                notes.Add($"'{exitedName}' raised {lastOfState.Details?.Error ?? "an error"}, which its Catch routed to the Fail state '{failName}'; resume at '{exitedName}'.");
                return (raisedBy, lastOfState);
            }

            if (before.Type == "ChoiceStateExited" && raisedBy != null)
            {
                var judged = window.Get(raisedBy.PreviousEventId);
                if (judged != null && HistoryEventKinds.IsStateExited(judged))
                {
                    var judgedEntered = EnteredOf(window, judged);
                    notes.Add($"The Choice '{exitedName}' sent the execution to the Fail state '{failName}'; suggested resume: '{judged.StateName}', whose output the Choice judged.");
                    return (judgedEntered ?? raisedBy, null);
                }

                notes.Add($"The Choice '{exitedName}' sent the execution to the Fail state '{failName}'; resume at the Choice with a corrected input.");
                return (raisedBy, null);
            }

            notes.Add($"'{exitedName}' completed and its Next is the Fail state '{failName}'; suggested resume: '{exitedName}'.");
            return (raisedBy, null);
        }

        /// <summary>
        /// The innermost state that was running when the execution stopped: the latest top-level state, when
        /// it had not exited, and inside it, down through Parallel and Map states, a state open in its own
        /// branch or iteration.
        /// </summary>
        private static HistoryEvent? OpenWhenStopped(HistoryWindow window, HistoryEvent terminal, StateMachineDefinition definition, Func<HistoryEvent, HistoryPlacement> place, CancellationToken cancellationToken)
        {
            HistoryEvent? top = null;
            foreach (var e in window.Descending(terminal.Id - 1))
            {
                if (HistoryEventKinds.IsSegmentStart(e))
                {
                    break;
                }

                var isTop = (HistoryEventKinds.IsStateEntered(e) || HistoryEventKinds.IsStateExited(e)) && definition.Find(e.StateName ?? string.Empty)?.IsTopLevel == true;
                if (isTop)
                {
                    top = HistoryEventKinds.IsStateEntered(e) ? e : null;
                    break;
                }
            }

            if (top == null || !HistoryEventKinds.IsContainerEntered(top))
            {
                return top;
            }

            var reader = new ContainerRecordReader(place(top), definition, cancellationToken);
            var current = top;
            while (HistoryEventKinds.IsContainerEntered(current) && reader.OpenInside(current) is HistoryEvent inner)
            {
                current = inner;
            }

            return current;
        }

        /// <summary>
        /// The placement of every event from the entry of the top-level state around <paramref name="inside"/>
        /// to the end; null when <paramref name="inside"/> is top-level. The top level runs one state at a
        /// time, so that state's latest entry before <paramref name="inside"/> is the one around it.
        /// </summary>
        private static HistoryPlacement? PlacementAround(HistoryWindow window, HistoryEvent inside, StateMachineDefinition definition, Func<HistoryEvent, HistoryPlacement> place)
        {
            var state = definition.Find(inside.StateName ?? string.Empty);
            if (state == null || state.IsTopLevel)
            {
                return null;
            }

            var top = FindEntered(window, state.TopLevelAncestor.Name, inside.Id);
            return top == null ? null : place(top);
        }

        private static HistoryPlacement PlacementFrom(HistoryWindow window, HistoryEvent terminal, HistoryEvent topEntered, StateMachineDefinition definition, CancellationToken cancellationToken)
        {
            // In blocks, and read backwards rather than reversed: a list of a long history's length would be a
            // large object, which only a full collection reclaims.
            var descending = new BlockList<HistoryEvent>();
            foreach (var e in window.Descending(terminal.Id))
            {
                if (e.Id < topEntered.Id)
                {
                    break;
                }

                descending.Add(e);
            }

            return new HistoryPlacement(new ReversedList<HistoryEvent>(descending), definition, cancellationToken);
        }

        /// <summary>
        /// The Parallel and Map states around <paramref name="entered"/>, outermost first, each with the Map
        /// iteration it ran in: with a definition, from the placement of its events; without one, by walking
        /// links back and pairing exits with entries by name.
        /// </summary>
        private static List<Container> ContainersOf(HistoryWindow window, HistoryEvent entered, StateMachineDefinition? definition, HistoryPlacement? placement)
        {
            var containers = new List<Container>();
            var known = definition?.Find(entered.StateName ?? string.Empty);
            if (known != null && known.IsTopLevel)
            {
                return containers;
            }

            if (placement != null && placement.IsPlaced(entered.Id))
            {
                for (var id = entered.Id; placement.ScopeOf(id) is var around && around != 0; id = around)
                {
                    var container = placement.Get(around)!;
                    containers.Insert(0, new Container(container, container.Type == "MapStateEntered" ? placement.ThreadOf(id) : (int?)null));
                }

                return containers;
            }

            var pending = new Dictionary<string, int>(StringComparer.Ordinal);
            var iterations = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var e = window.Previous(entered); e != null && !HistoryEventKinds.IsSegmentStart(e); e = window.Previous(e))
            {
                // The type first: only container events need their details, and a saved history reads details on demand.
                if (HistoryEventKinds.IsContainerExited(e))
                {
                    Increment(pending, e.StateName);
                }
                else if (e.Type == "MapIterationStarted" && e.StateName is string iterated && !pending.ContainsKey(iterated) && !iterations.ContainsKey(iterated) && e.IterationIndex != null)
                {
                    iterations[iterated] = e.IterationIndex!.Value;
                }
                else if (HistoryEventKinds.IsContainerEntered(e) && e.StateName is var name && !TryClose(pending, name))
                {
                    containers.Insert(0, new Container(e, name != null && iterations.TryGetValue(name, out var index) ? index : (int?)null));
                    if (definition?.Find(name ?? string.Empty)?.IsTopLevel == true)
                    {
                        break;
                    }
                }
            }

            return containers;
        }

        private static IReadOnlyList<string> PathSegments(List<Container> containers, HistoryEvent failedEntered, StateMachineDefinition? definition)
        {
            var segments = new List<string>();
            for (var i = 0; i < containers.Count; i++)
            {
                var name = containers[i].Entered.StateName ?? "?";
                segments.Add(name);
                var child = i + 1 < containers.Count ? containers[i + 1].Entered.StateName : failedEntered.StateName;
                var branch = definition?.Find(child ?? string.Empty)?.BranchIndex;
                if (branch != null)
                {
                    segments.Add($"branch {branch + 1}");
                }
                else if (containers[i].Iteration != null)
                {
                    segments.Add($"iteration {containers[i].Iteration}");
                }
            }

            segments.Add(failedEntered.StateName ?? "?");
            return segments;
        }

        public static string FormatPath(IReadOnlyList<string> segments) => string.Join(PathSeparator, segments);

        private static int CountRetries(HistoryWindow window, HistoryEvent? origin, HistoryEvent failedEntered)
        {
            if (origin == null || origin == failedEntered)
            {
                return 0;
            }

            // Along the failed state's own chain: other iterations' attempts interleave with it.
            var attempts = 0;
            for (var e = window.Previous(origin); e != null && e.Id > failedEntered.Id; e = window.Previous(e))
            {
                if (HistoryEventKinds.IsAttemptStart(e))
                {
                    attempts++;
                }
            }

            return Math.Max(0, attempts - 1);
        }

        /// <summary>
        /// The Map Run of a failed Distributed Map, from its MapRunStarted on the way back from the terminal event;
        /// the answer is the run's MapRunFailed event, which says why the run failed (the tolerated failure
        /// exceeded, the item reader failed), or null when it did not fail (aborted with the execution).
        /// </summary>
        private static HistoryEvent? FindMapRun(HistoryWindow window, HistoryEvent terminal, HistoryEvent failedEntered, out string? mapRunArn)
        {
            mapRunArn = null;
            if (failedEntered.Type != "MapStateEntered")
            {
                return null;
            }

            HistoryEvent? failed = null;
            for (var e = window.Previous(terminal); e != null && e.Id > failedEntered.Id; e = window.Previous(e))
            {
                if (e.Type == "MapRunFailed")
                {
                    failed ??= e;
                }

                if (e.Details?.MapRunArn != null)
                {
                    mapRunArn = e.Details.MapRunArn;
                    return failed;
                }
            }

            return failed;
        }

        /// <summary>
        /// Latest value of each top-level variable assigned before the resume state was entered. With a
        /// definition, reading stops once every variable the top level assigns has been found (or at once
        /// when it assigns none); without one, the whole history before the resume state is read once, and
        /// an exit is top-level when no Parallel or Map is open around it, counted on the way back.
        /// </summary>
        private static IReadOnlyDictionary<string, string> RestoreVariables(HistoryWindow window, HistoryEvent resumeEntered, StateMachineDefinition? definition)
        {
            var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (definition != null && definition.TopLevelVariables.Count == 0)
            {
                return variables;
            }

            // Walking back from a top-level state: a container's Exited opens a level, its Entered closes it.
            var depth = 0;
            foreach (var e in window.Descending(resumeEntered.Id - 1))
            {
                if (definition != null && definition.TopLevelVariables.All(variables.ContainsKey))
                {
                    break;
                }

                var assigned = HistoryEventKinds.IsStateExited(e) && e.AssignsVariables ? e.Details?.AssignedVariables : null;
                if (assigned != null && assigned.Count > 0)
                {
                    var topLevel = definition != null
                        ? definition.Find(e.Details!.Name ?? string.Empty)?.IsTopLevel == true
                        : depth == 0;
                    if (topLevel)
                    {
                        foreach (var variable in assigned)
                        {
                            if (!variables.ContainsKey(variable.Key))
                            {
                                variables[variable.Key] = variable.Value;
                            }
                        }
                    }
                }

                if (HistoryEventKinds.IsContainerExited(e))
                {
                    depth++;
                }
                else if (HistoryEventKinds.IsContainerEntered(e) && depth > 0)
                {
                    depth--;
                }
            }

            return variables;
        }

        private static void Increment(Dictionary<string, int> pending, string? name)
        {
            if (name != null)
            {
                pending[name] = pending.TryGetValue(name, out var count) ? count + 1 : 1;
            }
        }

        private static bool TryClose(Dictionary<string, int> pending, string? name)
        {
            if (name == null || !pending.TryGetValue(name, out var count) || count == 0)
            {
                return false;
            }

            if (count == 1)
            {
                pending.Remove(name);
            }
            else
            {
                pending[name] = count - 1;
            }

            return true;
        }

        private sealed class Container
        {
            public Container(HistoryEvent entered, int? iteration)
            {
                Entered = entered;
                Iteration = iteration;
            }

            public HistoryEvent Entered { get; }

            public int? Iteration { get; }
        }
    }
}
