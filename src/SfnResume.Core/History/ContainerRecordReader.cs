using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using SfnResume.Aws.Model;
using SfnResume.Definitions;

namespace SfnResume.History
{
    /// <summary>
    /// Reads what every branch or iteration of a Parallel or Map state did in the failed run, from the events
    /// <see cref="HistoryPlacement"/> put in it: each in its branch or iteration by the chain it links into,
    /// never by where it sits in the file. Only the latest attempt counts: a retry of the container starts
    /// again with a new *StateStarted.
    /// </summary>
    internal sealed class ContainerRecordReader
    {
        private readonly HistoryPlacement placement;
        private readonly StateMachineDefinition definition;
        private readonly CancellationToken cancellationToken;

        public ContainerRecordReader(HistoryPlacement placement, StateMachineDefinition definition, CancellationToken cancellationToken)
        {
            this.placement = placement;
            this.definition = definition;
            this.cancellationToken = cancellationToken;
        }

        /// <summary>The record of the container entered at <paramref name="entered"/>, with the records of containers left open inside it.</summary>
        public ContainerRecord Read(HistoryEvent entered)
        {
            var name = entered.StateName ?? string.Empty;
            var isMap = entered.Type == "MapStateEntered";
            var (container, progress) = Follow(entered);
            var count = isMap ? placement.Get(placement.LatestAttemptOf(entered.Id))?.Details?.Length ?? 0 : definition.BranchCountOf(container);
            var record = new ContainerRecord { StateName = name, Type = isMap ? "Map" : "Parallel", Input = entered.Details?.Input, Count = count };
            var branches = new List<BranchRecord>(count);
            for (var index = 0; index < count; index++)
            {
                branches.Add(progress.TryGetValue(index, out var p) ? ToRecord(index, p) : new BranchRecord { Index = index, Outcome = BranchOutcome.NotStarted });
            }

            record.Branches = branches;
            return record;
        }

        /// <summary>
        /// The entry of a state still running directly inside the container entered at
        /// <paramref name="entered"/>, in its latest attempt, in the lowest-numbered branch or iteration that
        /// had not ended; null when none was running.
        /// </summary>
        public HistoryEvent? OpenInside(HistoryEvent entered)
        {
            foreach (var p in Follow(entered).Progress.OrderBy(p => p.Key).Select(p => p.Value))
            {
                if (p.Open != null && !p.FailEntered && p.End == null)
                {
                    return p.Open;
                }
            }

            return null;
        }

        /// <summary>What each branch or iteration of the container's latest attempt did, by index.</summary>
        private (StateInfo Container, Dictionary<int, Progress> Progress) Follow(HistoryEvent entered)
        {
            var name = entered.StateName ?? string.Empty;
            var container = definition.Find(name) ?? throw new HistoryFormatException($"The history enters '{name}' (event {entered.Id}), which the definition does not have.");
            var started = placement.LatestAttemptOf(entered.Id);
            var progress = new Dictionary<int, Progress>();
            foreach (var e in placement.EventsIn(entered.Id))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var index = placement.ThreadOf(e.Id);
                if (started == 0 || e.Id < started || index == HistoryPlacement.ContainerLevel)
                {
                    continue;
                }

                if (!progress.TryGetValue(index, out var p))
                {
                    progress[index] = p = new Progress();
                }

                Track(p, e, container);
            }

            return (container, progress);
        }

        private void Track(Progress p, HistoryEvent e, StateInfo container)
        {
            switch (e.Type)
            {
                case "MapIterationSucceeded":
                    p.End = BranchOutcome.Succeeded;
                    return;
                case "MapIterationFailed":
                    p.End = BranchOutcome.Failed;
                    return;
            }

            // Only a state's own entry and exit say more; a task's events need not even have their details read.
            if (!HistoryEventKinds.IsStateEntered(e) && !HistoryEventKinds.IsStateExited(e))
            {
                return;
            }

            var state = definition.Find(e.StateName ?? string.Empty);
            if (state == null || state.Container != container)
            {
                return;
            }

            if (HistoryEventKinds.IsStateEntered(e))
            {
                // A state entered after an end state's exit (a Catch went on from it): the branch has not ended.
                p.TerminalExit = null;
                p.Entered[state.Name] = e;
                if (p.Variables.Count > 0)
                {
                    p.VariablesAtEntry[state.Name] = p.Variables;
                }

                p.Open = e;
                if (state.Type == "Fail")
                {
                    p.FailEntered = true;
                }
            }
            else if (HistoryEventKinds.IsStateExited(e))
            {
                var linkedFailure = placement.Get(e.PreviousEventId) is HistoryEvent before && HistoryEventKinds.IsFailure(before);
                p.LastExited = e;
                p.LastExitCaught = linkedFailure;

                if (e.AssignsVariables && e.Details?.AssignedVariables is { Count: > 0 } assigned)
                {
                    // Copied on write: each entry keeps the variables as they were when it happened.
                    var variables = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var known in p.Variables)
                    {
                        variables[known.Key] = known.Value;
                    }

                    foreach (var variable in assigned)
                    {
                        variables[variable.Key] = variable.Value;
                    }

                    p.Variables = variables;
                }

                if (p.Open?.StateName == state.Name)
                {
                    p.Open = null;
                }

                // An exit after a failure is a Catch's: the branch goes on to the catcher's Next, not to its end.
                if (state.EndsBranch && !linkedFailure)
                {
                    p.TerminalExit = e;
                }
            }
        }

        private BranchRecord ToRecord(int index, Progress p)
        {
            var record = new BranchRecord { Index = index, VariablesAtEntry = p.HasVariablesAtEntry ? p.VariablesAtEntry : null };
            // An end state that exited finished the branch, even when an abort was written for it afterwards
            // (a sibling failed before its end was recorded): its output is the branch's, and it need not run again.
            var succeeded = p.End == BranchOutcome.Succeeded || (p.End != BranchOutcome.Failed && p.TerminalExit != null && !p.FailEntered);
            if (succeeded)
            {
                record.Outcome = BranchOutcome.Succeeded;
                // Copied out undecoded: the file closes when the analysis ends, and only a GoTo copy reads them.
                record.SetOutput(p.TerminalExit?.OutputPayload.Detach() ?? default);
                record.OutputTruncated = p.TerminalExit?.OutputTruncated == true;
                return record;
            }

            record.Outcome = p.End == BranchOutcome.Failed || p.FailEntered ? BranchOutcome.Failed : BranchOutcome.NotFinished;
            if (p.Open != null && !p.FailEntered)
            {
                // The state still running when the branch stopped: it failed, or a sibling's failure aborted it.
                ResumeAt(record, p.Open);
            }
            else if (p.FailEntered && p.LastExited?.Type == "ChoiceStateExited" && Judged(p) is HistoryEvent judged)
            {
                // A Choice sent the branch to a Fail state: the state whose output it judged runs again (the
                // Choice alone, given the same input, would only choose the Fail state again).
                record.ResumeState = judged.StateName;
                record.ResumeInput = judged.Details?.Input;
            }
            else if (p.FailEntered && p.LastExited?.StateName is string raiser && p.Entered.TryGetValue(raiser, out var raised))
            {
                // A Catch routed the error to a Fail state: the state that raised it runs again.
                ResumeAt(record, raised);
            }
            else if (p.Open == null && p.LastExited != null)
            {
                ResumeAfter(record, p);
            }

            return record;
        }

        /// <summary>
        /// The entry of the state whose output the branch's last Choice judged: the Choice's entry links to
        /// that state's exit, in the branch's own chain (never the same state's entry in another iteration).
        /// </summary>
        private HistoryEvent? Judged(Progress p)
        {
            var choice = p.LastExited!.StateName ?? string.Empty;
            if (!p.Entered.TryGetValue(choice, out var choiceEntered) || !(placement.Get(choiceEntered.PreviousEventId) is HistoryEvent before))
            {
                return null;
            }

            return HistoryEventKinds.IsStateExited(before) && before.StateName is string judged && p.Entered.TryGetValue(judged, out var entered) ? entered : null;
        }

        /// <summary>
        /// A branch stopped between two states (aborted or timed out after one state exited and before the
        /// next was entered): it goes on at the next state with the output the last one recorded, so the state
        /// that finished does not run again. A Choice's exit does not say which way it went, and a Catch's exit
        /// follows a failure, so those run again from their own recorded input (nothing they did had finished).
        /// </summary>
        private void ResumeAfter(BranchRecord record, Progress p)
        {
            var exited = p.LastExited!;
            var name = exited.StateName ?? string.Empty;
            var state = definition.Find(name);
            if (state == null || !p.Entered.TryGetValue(name, out var entered))
            {
                return;
            }

            var caught = p.LastExitCaught;
            if (caught || state.Type == "Choice" || state.Next == null)
            {
                ResumeAt(record, entered);
                return;
            }

            record.ResumeState = state.Next;
            record.ResumeInput = exited.Details?.Output;
            if (p.Variables.Count > 0)
            {
                p.VariablesAtEntry[state.Next] = p.Variables;
                record.VariablesAtEntry = p.VariablesAtEntry;
            }
        }

        /// <summary>
        /// The branch resumes at the state entered at <paramref name="entered"/>, with the input it recorded;
        /// when that is a Parallel or Map, only what did not finish inside it runs again.
        /// </summary>
        private void ResumeAt(BranchRecord record, HistoryEvent entered)
        {
            record.ResumeState = entered.StateName;
            record.ResumeInput = entered.Details?.Input;
            if (HistoryEventKinds.IsContainerEntered(entered))
            {
                record.Nested = Read(entered);
            }
        }

        private static readonly IReadOnlyDictionary<string, string> NoVariables = new Dictionary<string, string>();

        private sealed class Progress
        {
            public Dictionary<string, HistoryEvent> Entered { get; } = new Dictionary<string, HistoryEvent>(StringComparer.Ordinal);

            public HistoryEvent? Open { get; set; }

            public HistoryEvent? LastExited { get; set; }

            public HistoryEvent? TerminalExit { get; set; }

            public bool FailEntered { get; set; }

            /// <summary>The last exit followed a failure: a Catch handled it.</summary>
            public bool LastExitCaught { get; set; }

            public BranchOutcome? End { get; set; }

            /// <summary>Copied on write, so most branches, which assign nothing, share one empty set.</summary>
            public IReadOnlyDictionary<string, string> Variables { get; set; } = NoVariables;

            public Dictionary<string, IReadOnlyDictionary<string, string>> VariablesAtEntry => variablesAtEntry ??= new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);

            public bool HasVariablesAtEntry => variablesAtEntry != null && variablesAtEntry.Count > 0;

            private Dictionary<string, IReadOnlyDictionary<string, string>>? variablesAtEntry;
        }
    }
}
