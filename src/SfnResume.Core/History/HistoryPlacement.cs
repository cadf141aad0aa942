using System;
using System.Collections.Generic;
using System.Threading;
using SfnResume.Aws.Model;
using SfnResume.Definitions;

namespace SfnResume.History
{
    /// <summary>
    /// Where each event of a stretch of history belongs: the Parallel or Map instance around it (its scope,
    /// named by the instance's Entered event) and the branch or iteration inside that instance (its thread).
    /// <para>The one rule: an event belongs where the event it links to (<c>previousEventId</c>) belongs.
    /// Event order in the file is never used: branches and iterations that run at the same time interleave
    /// in any order. The exceptions are the events whose link crosses a boundary, each placed by what it
    /// names or ends:</para>
    /// <list type="bullet">
    /// <item>A container's entry opens a scope for the events that link to it (its *StateStarted).</item>
    /// <item>A branch's first state links to ParallelStateStarted: its thread is its branch's index.</item>
    /// <item>Map iteration events name their Map and index; the next MapIterationStarted links to the last
    /// event of the iteration that freed its slot. They belong to the nearest Map of that name around the
    /// event they link to: the same Map may run at once in several iterations of an outer Map.</item>
    /// <item>A container's Succeeded or Failed links to the last event of a branch or iteration: it ends the
    /// nearest container of its kind around that event, and sits where that container was entered. Its
    /// Exited names it. A *StateStarted linking to a *StateFailed is the same container's retry.</item>
    /// <item>Aborted events are written for a sibling's failure and link to it, possibly in another branch
    /// or in another instance of the same Map. Nothing they end was finished, so they are left unplaced.</item>
    /// </list>
    /// </summary>
    internal sealed class HistoryPlacement
    {
        /// <summary>Thread of an event at the level of its scope's container itself (its *StateStarted, its end).</summary>
        public const int ContainerLevel = -1;

        private readonly IReadOnlyList<HistoryEvent> ascending;
        private readonly StateMachineDefinition definition;
        private const long NotPlaced = -1;

        // By position in the events: a 25,000-event history is placed with no dictionary of that size.
        private readonly long firstId;
        private readonly Dictionary<long, int>? positions;
        // Per position: its scope, its thread, and the next position in its scope's chain. In blocks: arrays of a
        // long history's length would be large objects, which only full collections reclaim.
        private readonly BlockList<Slot> slots;
        private readonly Dictionary<long, long> ended = new Dictionary<long, long>();
        private readonly Dictionary<long, long> latestAttempt = new Dictionary<long, long>();
        // The events of each scope as a chain through the positions (first, then next of each), not a list per
        // scope: a 2,000-iteration Map's one scope would otherwise be a list of 20,000 that grows by copying.
        private readonly Dictionary<long, (int First, int Last)> scopeChains = new Dictionary<long, (int First, int Last)>();

        /// <param name="ascending">Events oldest first; the first is where placement starts (scope 0).</param>
        /// <param name="definition">Names each Parallel branch's first state's index.</param>
        public HistoryPlacement(IReadOnlyList<HistoryEvent> ascending, StateMachineDefinition definition, CancellationToken cancellationToken)
        {
            this.ascending = ascending;
            this.definition = definition;
            slots = BlockList<Slot>.OfDefaults(ascending.Count);
            if (ascending.Count == 0)
            {
                return;
            }

            // Ids run from 1 without a gap in any history AWS writes; a damaged one is looked up by id.
            firstId = ascending[0].Id;
            if (ascending[ascending.Count - 1].Id - firstId != ascending.Count - 1)
            {
                positions = new Dictionary<long, int>(ascending.Count);
                for (var i = 0; i < ascending.Count; i++)
                {
                    positions[ascending[i].Id] = i;
                }
            }

            for (var i = 1; i < slots.Count; i++)
            {
                slots.At(i).Scope = NotPlaced;
            }

            slots.At(0).Thread = ContainerLevel;
            for (var i = 1; i < ascending.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Place(ascending[i]);
            }
        }

        /// <summary>The event placement starts at: the entry of the top-level state it covers.</summary>
        public HistoryEvent? Start => ascending.Count == 0 ? null : ascending[0];

        /// <summary>Whether the event was placed: it links, through placed events, back to the first one.</summary>
        public bool IsPlaced(long id) => Position(id) is int at && slots[at].Scope != NotPlaced;

        /// <summary>The Entered event id of the innermost container around the event; 0 outside every container.</summary>
        public long ScopeOf(long id) => Position(id) is int at && slots[at].Scope != NotPlaced ? slots[at].Scope : 0;

        /// <summary>The branch or iteration index inside <see cref="ScopeOf"/>; <see cref="ContainerLevel"/> for the container's own events.</summary>
        public int ThreadOf(long id) => Position(id) is int at && slots[at].Scope != NotPlaced ? slots[at].Thread : ContainerLevel;

        /// <summary>The id of the container's latest *StateStarted (its latest attempt); 0 when it never started.</summary>
        public long LatestAttemptOf(long containerEntered) => latestAttempt.TryGetValue(containerEntered, out var started) ? started : 0;

        public HistoryEvent? Get(long id) => Position(id) is int at ? ascending[at] : null;

        /// <summary>The events placed directly in the container entered at <paramref name="containerEntered"/>, oldest first.</summary>
        public IEnumerable<HistoryEvent> EventsIn(long containerEntered)
        {
            if (!scopeChains.TryGetValue(containerEntered, out var chain))
            {
                yield break;
            }

            for (var at = chain.First; at >= 0; at = slots[at].Next)
            {
                yield return ascending[at];
            }
        }

        private void Place(HistoryEvent e)
        {
            if (e.Type.EndsWith("Aborted", StringComparison.Ordinal) || !(Position(e.PreviousEventId) is int linkAt) || slots[linkAt].Scope == NotPlaced)
            {
                return;
            }

            var linkScope = slots[linkAt].Scope;
            var link = ascending[linkAt];
            var linkIsEntry = HistoryEventKinds.IsContainerEntered(link);
            var from = linkIsEntry ? link.Id : ended.TryGetValue(link.Id, out var endedByLink) ? endedByLink : linkScope;
            if (e.Type == "ParallelStateStarted" || e.Type == "MapStateStarted")
            {
                // An attempt of the container: the first links to its entry, a retry to the last attempt's end.
                var container = linkIsEntry ? link.Id : ended.TryGetValue(link.Id, out var retried) ? retried : 0;
                if (container != 0)
                {
                    Put(e, container, ContainerLevel);
                    latestAttempt[container] = e.Id;
                }

                return;
            }

            if (HistoryEventKinds.IsContainerExited(e))
            {
                var container = Enclosing(from, e.StateName, null);
                if (container != 0)
                {
                    Put(e, ScopeOf(container), ThreadOf(container));
                }

                return;
            }

            if (IsContainerEnd(e))
            {
                var container = Enclosing(linkScope, null, e.Type.StartsWith("Map", StringComparison.Ordinal) ? "MapStateEntered" : "ParallelStateEntered");
                if (container != 0)
                {
                    Put(e, ScopeOf(container), ThreadOf(container));
                    ended[e.Id] = container;
                }

                return;
            }

            if (e.Type.StartsWith("MapIteration", StringComparison.Ordinal))
            {
                var map = Enclosing(from, e.StateName, "MapStateEntered");
                if (map != 0 && e.IterationIndex is int index)
                {
                    Put(e, map, index);
                }

                return;
            }

            if (linkIsEntry)
            {
                Put(e, link.Id, ContainerLevel);
                return;
            }

            var linkThread = slots[linkAt].Thread;
            if (linkThread == ContainerLevel && linkScope != 0 && HistoryEventKinds.IsStateEntered(e))
            {
                // A Parallel branch's first state, linked to its ParallelStateStarted: a state the definition
                // does not place in a branch is left unplaced, as a damaged link is.
                if (definition.Find(e.StateName ?? string.Empty)?.BranchIndex is int branch)
                {
                    Put(e, linkScope, branch);
                }

                return;
            }

            Put(e, linkScope, linkThread);
        }

        private void Put(HistoryEvent e, long inScope, int inThread)
        {
            var at = Position(e.Id)!.Value;
            slots.At(at).Scope = inScope;
            slots.At(at).Thread = inThread;
            slots.At(at).Next = -1;
            if (scopeChains.TryGetValue(inScope, out var chain))
            {
                slots.At(chain.Last).Next = at;
                scopeChains[inScope] = (chain.First, at);
            }
            else
            {
                scopeChains[inScope] = (at, at);
            }
        }

        private int? Position(long id)
        {
            if (positions != null)
            {
                return positions.TryGetValue(id, out var found) ? found : (int?)null;
            }

            var at = id - firstId;
            return at >= 0 && at < ascending.Count ? (int)at : (int?)null;
        }

        private static bool IsContainerEnd(HistoryEvent e) =>
            e.Type == "ParallelStateSucceeded" || e.Type == "ParallelStateFailed" || e.Type == "MapStateSucceeded" || e.Type == "MapStateFailed";

        /// <summary>The entry of the nearest container from scope <paramref name="from"/> outwards with the given name or entry type; 0 when none.</summary>
        private long Enclosing(long from, string? name, string? enteredType)
        {
            for (var s = from; s != 0 && Position(s) is int at; s = ScopeOf(s))
            {
                var entered = ascending[at];
                if ((name == null || entered.StateName == name) && (enteredType == null || entered.Type == enteredType))
                {
                    return s;
                }
            }

            return 0;
        }

        private struct Slot
        {
            public long Scope;
            public int Thread;
            public int Next;
        }
    }
}
