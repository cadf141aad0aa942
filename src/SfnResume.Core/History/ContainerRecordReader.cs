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
    /// after its entry, oldest first.
    /// <para>Events link to their cause (<c>previousEventId</c>), so each event is given the scope (the
    /// innermost container open around it) and the thread (branch or iteration) of the event it links to:
    /// a branch's first state links to ParallelStateStarted, an iteration's to its MapIterationStarted, and a
    /// container's Exited returns to the scope it was entered in. Concurrent iterations interleave by id but
    /// never share a chain. Only the latest attempt counts: a retry of the container starts again with a new
    /// *StateStarted.</para>
    /// </summary>
    internal sealed class ContainerRecordReader
    {
        private readonly IReadOnlyList<HistoryEvent> ascending;
        private readonly Dictionary<long, int> positions;
        private readonly StateMachineDefinition definition;
        private readonly CancellationToken cancellationToken;

        /// <param name="ascending">The events from the outermost container's entry to the end of the attempt, oldest first.</param>
        public ContainerRecordReader(IReadOnlyList<HistoryEvent> ascending, StateMachineDefinition definition, CancellationToken cancellationToken)
        {
            this.ascending = ascending;
            this.definition = definition;
            this.cancellationToken = cancellationToken;
            positions = new Dictionary<long, int>(ascending.Count);
            for (var i = 0; i < ascending.Count; i++)
            {
                positions[ascending[i].Id] = i;
            }
        }

        /// <summary>The record of the container entered at <paramref name="entered"/>, with the records of containers left open inside it.</summary>
        public ContainerRecord Read(HistoryEvent entered)
        {
            var name = entered.Details?.Name ?? string.Empty;
            var container = definition.Find(name) ?? throw new HistoryFormatException($"The history enters '{name}' (event {entered.Id}), which the definition does not have.");
            var isMap = entered.Type == "MapStateEntered";
            var startedType = isMap ? "MapStateStarted" : "ParallelStateStarted";
            var scope = new Dictionary<long, long> { [entered.Id] = 0 };
            var openByName = new Dictionary<string, long>(StringComparer.Ordinal) { [name] = entered.Id };
            var thread = new Dictionary<long, int>();
            var progress = new Dictionary<int, Progress>();
            var count = isMap ? 0 : definition.BranchCountOf(container);
            long started = -1;

            for (var i = positions.TryGetValue(entered.Id, out var at) ? at + 1 : ascending.Count; i < ascending.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var e = ascending[i];
                if (!scope.TryGetValue(e.PreviousEventId, out var parentScope))
                {
                    continue;
                }

                var parent = ascending[positions[e.PreviousEventId]];
                var own = ScopeOf(e, parent, parentScope, scope, openByName);
                if (own == 0)
                {
                    // Past the container's exit: what follows belongs to the scope around it.
                    continue;
                }

                scope[e.Id] = own;
                if (HistoryEventKinds.IsContainerEntered(e) && e.Details?.Name is string opened)
                {
                    openByName[opened] = e.Id;
                }

                if (own != entered.Id)
                {
                    // Deeper inside a nested container: it belongs to the thread of the event it follows.
                    if (thread.TryGetValue(e.PreviousEventId, out var inherited))
                    {
                        thread[e.Id] = inherited;
                    }

                    continue;
                }

                if (e.Type == startedType)
                {
                    // A new attempt of the whole container (the first, or a Retry): only the latest counts.
                    started = e.Id;
                    progress.Clear();
                    thread.Clear();
                    count = isMap ? e.Details?.Length ?? 0 : count;
                    continue;
                }

                if (started < 0)
                {
                    continue;
                }

                int index;
                if (isMap && e.Type.StartsWith("MapIteration", StringComparison.Ordinal) && e.Details?.Name == name && e.Details.Index is int item)
                {
                    index = item;
                }
                else if (!isMap && e.PreviousEventId == started && HistoryEventKinds.IsStateEntered(e) && definition.Find(e.Details?.Name ?? string.Empty)?.BranchIndex is int branch)
                {
                    index = branch;
                }
                else if (!thread.TryGetValue(e.PreviousEventId, out index))
                {
                    continue;
                }

                thread[e.Id] = index;
                if (!progress.TryGetValue(index, out var p))
                {
                    progress[index] = p = new Progress();
                }

                Track(p, e, container);
            }

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
        /// The container an event sits in: a container's entry opens a scope for the events that follow it, and
        /// its exit returns to the scope the entry sat in. Events that name their container (an exit, a Map
        /// iteration's start and end) are placed by that name, because they may link to the last event of a
        /// failed state deeper down: the next MapIterationStarted links to the previous iteration's last event.
        /// </summary>
        private static long ScopeOf(HistoryEvent e, HistoryEvent parent, long parentScope, Dictionary<long, long> scope, Dictionary<string, long> openByName)
        {
            var named = e.Details?.Name;
            if (HistoryEventKinds.IsContainerExited(e))
            {
                var from = named != null && openByName.TryGetValue(named, out var opened) ? opened : parentScope;
                return scope.TryGetValue(from, out var outer) ? outer : 0;
            }

            if (e.Type.StartsWith("MapIteration", StringComparison.Ordinal) && named != null && openByName.TryGetValue(named, out var map))
            {
                return map;
            }

            return HistoryEventKinds.IsContainerEntered(parent) ? parent.Id : parentScope;
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
                case "MapIterationAborted":
                    p.End = BranchOutcome.NotFinished;
                    return;
            }

            var state = definition.Find(e.Details?.Name ?? string.Empty);
            if (state == null || state.Container != container)
            {
                return;
            }

            if (HistoryEventKinds.IsStateEntered(e))
            {
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
                p.LastExited = e;
                if (e.Details?.AssignedVariables is { Count: > 0 } assigned)
                {
                    // Copied on write: each entry keeps the variables as they were when it happened.
                    var variables = new Dictionary<string, string>(p.Variables, StringComparer.Ordinal);
                    foreach (var variable in assigned)
                    {
                        variables[variable.Key] = variable.Value;
                    }

                    p.Variables = variables;
                }

                if (p.Open?.Details?.Name == state.Name)
                {
                    p.Open = null;
                }

                if (state.EndsBranch)
                {
                    p.TerminalExit = e;
                }
            }
        }

        private BranchRecord ToRecord(int index, Progress p)
        {
            var record = new BranchRecord { Index = index, VariablesAtEntry = p.VariablesAtEntry.Count == 0 ? null : p.VariablesAtEntry };
            var succeeded = p.End == BranchOutcome.Succeeded || (p.End == null && p.TerminalExit != null && !p.FailEntered);
            if (succeeded)
            {
                record.Outcome = BranchOutcome.Succeeded;
                record.Output = p.TerminalExit?.Details?.Output;
                record.OutputTruncated = IsTruncated(p.TerminalExit);
                return record;
            }

            record.Outcome = p.End == BranchOutcome.Failed || p.FailEntered ? BranchOutcome.Failed : BranchOutcome.NotFinished;
            if (p.Open != null && !p.FailEntered)
            {
                // The state still running when the branch stopped: it failed, or a sibling's failure aborted it.
                record.ResumeState = p.Open.Details?.Name;
                record.ResumeInput = p.Open.Details?.Input;
                if (HistoryEventKinds.IsContainerEntered(p.Open))
                {
                    record.Nested = Read(p.Open);
                }
            }
            else if (p.FailEntered && p.LastExited?.Details?.Name is string raiser && p.Entered.TryGetValue(raiser, out var raised))
            {
                // A Catch routed the error to a Fail state: the state that raised it runs again.
                record.ResumeState = raiser;
                record.ResumeInput = raised.Details?.Input;
            }

            return record;
        }

        internal static bool IsTruncated(HistoryEvent? exited)
        {
            if (exited?.Details?.OtherMembers == null || !exited.Details.OtherMembers.TryGetValue("outputDetails", out var details))
            {
                return false;
            }

            return details.ValueKind == JsonValueKind.Object && details.TryGetProperty("truncated", out var truncated) && truncated.ValueKind == JsonValueKind.True;
        }

        private sealed class Progress
        {
            public Dictionary<string, HistoryEvent> Entered { get; } = new Dictionary<string, HistoryEvent>(StringComparer.Ordinal);

            public HistoryEvent? Open { get; set; }

            public HistoryEvent? LastExited { get; set; }

            public HistoryEvent? TerminalExit { get; set; }

            public bool FailEntered { get; set; }

            public BranchOutcome? End { get; set; }

            public Dictionary<string, string> Variables { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

            public Dictionary<string, IReadOnlyDictionary<string, string>> VariablesAtEntry { get; } = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        }
    }
}
