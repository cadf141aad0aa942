using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SfnResume.Redrive
{
    /// <summary>
    /// Keeps a batch's questions in the order the executions came: the operator is asked about the first one
    /// piped in before the second, however their plans race. An execution's turn comes once every earlier one
    /// was asked about or will not be (skipped, failed, already resumed, held back). One the canary gate holds
    /// until its machine's canaries end is set aside (<see cref="SetAside"/>) and holds up nobody; released, it
    /// rejoins (<see cref="Rejoin"/>) and takes its turn among the others again.
    /// </summary>
    internal sealed class AskingOrder
    {
        private readonly object gate = new object();

        /// <summary>Executions not yet asked about nor set aside, by their place in the input.</summary>
        private readonly SortedSet<int> waitingToBeAsked = new SortedSet<int>();
        private readonly HashSet<int> setAside = new HashSet<int>();
        private readonly List<(int Index, TaskCompletionSource<bool> Turn)> waiters = new List<(int, TaskCompletionSource<bool>)>();

        /// <summary>An execution came, at <paramref name="index"/>.</summary>
        public void Arrived(int index)
        {
            lock (gate)
            {
                waitingToBeAsked.Add(index);
            }
        }

        /// <summary>Completes when every execution that came before <paramref name="index"/> was asked about, or set aside.</summary>
        public Task TurnAsync(int index, CancellationToken cancellationToken)
        {
            TaskCompletionSource<bool> turn;
            lock (gate)
            {
                if (IsTurnOf(index))
                {
                    return Task.CompletedTask;
                }

                turn = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                waiters.Add((index, turn));
            }

            if (cancellationToken.CanBeCanceled)
            {
                var registration = cancellationToken.Register(() => turn.TrySetCanceled());
                turn.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return turn.Task;
        }

        /// <summary>Asked about, or will never be: the executions after it may be asked.</summary>
        public void Done(int index)
        {
            lock (gate)
            {
                setAside.Remove(index);
                if (!waitingToBeAsked.Remove(index))
                {
                    return;
                }
            }

            WakeDue();
        }

        /// <summary>Waits for something other than its turn (its canaries): the executions after it need not wait for it.</summary>
        public void SetAside(int index)
        {
            lock (gate)
            {
                if (!waitingToBeAsked.Remove(index))
                {
                    return;
                }

                setAside.Add(index);
            }

            WakeDue();
        }

        /// <summary>
        /// No longer set aside: it waits for its turn again. Called for the executions released together in their
        /// input order, before any of them looks for its turn, so that they are asked about in that order too.
        /// </summary>
        public void Rejoin(int index)
        {
            lock (gate)
            {
                if (setAside.Remove(index))
                {
                    waitingToBeAsked.Add(index);
                }
            }
        }

        private bool IsTurnOf(int index) => waitingToBeAsked.Count == 0 || waitingToBeAsked.Min >= index;

        private void WakeDue()
        {
            List<TaskCompletionSource<bool>> due;
            lock (gate)
            {
                due = waiters.Where(w => IsTurnOf(w.Index)).Select(w => w.Turn).ToList();
                waiters.RemoveAll(w => IsTurnOf(w.Index));
            }

            foreach (var turn in due)
            {
                turn.TrySetResult(true);
            }
        }
    }
}
