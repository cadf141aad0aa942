using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;

namespace SfnResume.Redrive
{
    /// <summary>
    /// Lets the first executions of each state machine through as canaries and holds the others of that machine
    /// until every canary has ended: all succeeded, they go on; one did not, they stay untouched.
    /// <para>Canaries are chosen in the order executions arrive, whatever order their plans finish in: the gate
    /// decides arrival by arrival, and an execution whose plan finished early waits for the plans of those that
    /// came before it. Executions with nothing to resume are never canaries. A canary that is declined at its
    /// prompt (or turns out to have nothing to resume) gives its place to the next held execution of its
    /// machine. In a preview (-WhatIf) the roles are given the same way, but nothing is held.</para>
    /// </summary>
    internal sealed class CanaryGate
    {
        private readonly int size;
        private readonly bool preview;
        private readonly AskingOrder? asking;
        private readonly object gate = new object();
        private readonly Dictionary<int, Slot> arrived = new Dictionary<int, Slot>();
        private readonly Dictionary<string, Group> groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        private readonly Dictionary<RedrivePlanItem, Group> groupOf = new Dictionary<RedrivePlanItem, Group>();
        private int cursor;
        private int? total;

        /// <param name="size">Canaries per state machine, at least one.</param>
        /// <param name="preview">Nothing will be changed: give roles, hold nothing.</param>
        /// <param name="asking">With questions asked in input order: told which executions are held, and when they are released.</param>
        public CanaryGate(int size, bool preview, AskingOrder? asking = null)
        {
            if (size < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(size), size, "At least one canary per state machine.");
            }

            this.size = size;
            this.preview = preview;
            this.asking = asking;
        }

        /// <summary>Canaries chosen so far (declined ones not counted).</summary>
        public int Chosen
        {
            get
            {
                lock (gate)
                {
                    return groups.Values.Sum(g => g.Canaries.Count);
                }
            }
        }

        /// <summary>Canaries that have ended.</summary>
        public int Ended
        {
            get
            {
                lock (gate)
                {
                    return groups.Values.Sum(g => g.Ended.Count);
                }
            }
        }

        /// <summary>Whether canaries are running that some state machine waits for.</summary>
        public bool Waiting
        {
            get
            {
                lock (gate)
                {
                    return !preview && groups.Values.Any(g => g.Verdict == null && g.Ended.Count < g.Canaries.Count);
                }
            }
        }

        /// <summary>
        /// Called once for every execution, with its arrival index (0, 1, 2, ...), when its plan is made:
        /// <paramref name="resumable"/> false for one with nothing to resume. Completes when the execution may
        /// go on: as a canary, after its canaries succeeded, or never resumed (<see cref="CanaryTicket.Withheld"/>).
        /// </summary>
        public Task<CanaryTicket> EnterAsync(int index, RedrivePlanItem item, bool resumable, CancellationToken cancellationToken)
        {
            var slot = new Slot(index, item, resumable);
            lock (gate)
            {
                arrived.Add(index, slot);
                Advance();
            }

            if (slot.Ticket.Task.IsCompleted || !cancellationToken.CanBeCanceled)
            {
                return slot.Ticket.Task;
            }

            var registration = cancellationToken.Register(() => slot.Ticket.TrySetCanceled());
            slot.Ticket.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return slot.Ticket.Task;
        }

        /// <summary>No execution will arrive after the <paramref name="count"/> added.</summary>
        public void InputEnded(int count)
        {
            lock (gate)
            {
                total = count;
                Advance();
            }
        }

        /// <summary>A canary that will not run after all (declined, or nothing to resume): the next held one takes its place.</summary>
        public void Release(RedrivePlanItem canary)
        {
            lock (gate)
            {
                // A preview declines every change: its canaries stand as named.
                if (preview || !groupOf.TryGetValue(canary, out var group) || !group.Canaries.Remove(canary))
                {
                    return;
                }

                if (group.Verdict == null && group.Held.Count > 0)
                {
                    var next = group.Held.Dequeue();
                    asking?.Rejoin(next.Index);
                    group.Canaries.Add(next.Item);
                    next.Ticket.TrySetResult(CanaryTicket.Canary);
                }

                Conclude(group);
            }
        }

        /// <summary>
        /// A canary's run ended (<paramref name="result"/> as it ended), or the canary could not be resumed
        /// (<paramref name="error"/>). The first that did not succeed decides for the held executions at once.
        /// </summary>
        public void End(RedrivePlanItem canary, RedriveResult? result, Exception? error)
        {
            lock (gate)
            {
                if (!groupOf.TryGetValue(canary, out var group) || !group.Canaries.Contains(canary) || group.Ended.Contains(canary))
                {
                    return;
                }

                group.Ended.Add(canary);
                if (group.Failure == null && (error != null || result?.Status != "SUCCEEDED"))
                {
                    group.Failure = new CanaryVerdict(group.StateMachineArn, canary.ExecutionArn, result, error);
                }

                Conclude(group);
            }
        }

        private static string MachineOf(RedrivePlanItem item)
            => item.Execution?.StateMachineArn ?? ExecutionArns.StateMachineOf(item.ExecutionArn) ?? item.ExecutionArn;

        /// <summary>Decides the executions that arrived, in order, as far as their plans are made.</summary>
        private void Advance()
        {
            while (arrived.TryGetValue(cursor, out var slot))
            {
                arrived.Remove(cursor);
                cursor++;
                Decide(slot);
            }

            if (total.HasValue && cursor >= total.Value)
            {
                foreach (var group in groups.Values)
                {
                    Conclude(group);
                }
            }
        }

        private void Decide(Slot slot)
        {
            if (!slot.Resumable)
            {
                slot.Ticket.TrySetResult(CanaryTicket.Ordinary);
                return;
            }

            var machine = MachineOf(slot.Item);
            if (!groups.TryGetValue(machine, out var group))
            {
                group = groups[machine] = new Group(machine);
            }

            groupOf[slot.Item] = group;
            if (group.Verdict != null)
            {
                slot.Ticket.TrySetResult(group.Verdict);
            }
            else if (group.Canaries.Count < size)
            {
                group.Canaries.Add(slot.Item);
                slot.Ticket.TrySetResult(CanaryTicket.Canary);
            }
            else if (preview)
            {
                slot.Ticket.TrySetResult(CanaryTicket.AfterCanary);
            }
            else
            {
                group.Held.Enqueue(slot);
                asking?.SetAside(slot.Index);
            }
        }

        /// <summary>
        /// The verdict for a machine, once it is known: at the first canary that did not succeed, or when every
        /// canary succeeded and no more can come (a full set, or the input has ended and every arrival is decided).
        /// </summary>
        private void Conclude(Group group)
        {
            if (group.Verdict != null || preview)
            {
                return;
            }

            if (group.Failure != null)
            {
                group.Verdict = CanaryTicket.Withhold(group.Failure);
            }
            else if (group.Canaries.Count > 0 && group.Ended.Count == group.Canaries.Count
                && (group.Canaries.Count == size || (total.HasValue && cursor >= total.Value)))
            {
                group.Verdict = CanaryTicket.AfterCanary;
            }
            else
            {
                return;
            }

            // Released in the order they came, each rejoining the questions before it goes on.
            while (group.Held.Count > 0)
            {
                var held = group.Held.Dequeue();
                asking?.Rejoin(held.Index);
                held.Ticket.TrySetResult(group.Verdict);
            }
        }

        private sealed class Slot
        {
            public Slot(int index, RedrivePlanItem item, bool resumable)
            {
                Index = index;
                Item = item;
                Resumable = resumable;
            }

            /// <summary>Its place in the input.</summary>
            public int Index { get; }

            public RedrivePlanItem Item { get; }

            public bool Resumable { get; }

            public TaskCompletionSource<CanaryTicket> Ticket { get; } = new TaskCompletionSource<CanaryTicket>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        private sealed class Group
        {
            public Group(string stateMachineArn)
            {
                StateMachineArn = stateMachineArn;
            }

            public string StateMachineArn { get; }

            public List<RedrivePlanItem> Canaries { get; } = new List<RedrivePlanItem>();

            public HashSet<RedrivePlanItem> Ended { get; } = new HashSet<RedrivePlanItem>();

            public Queue<Slot> Held { get; } = new Queue<Slot>();

            public CanaryVerdict? Failure { get; set; }

            public CanaryTicket? Verdict { get; set; }
        }
    }
}
