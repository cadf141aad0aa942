using System;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Definitions;

namespace SfnResume.GoTo
{
    /// <summary>
    /// The GoTo copy of one state machine in a batch. However many of its executions resume through it,
    /// the copy is created (or found, or updated) once: CreateStateMachine's token bucket refills at one call
    /// per second.
    /// </summary>
    public sealed class GoToCopyJob
    {
        private readonly GoToCopyService service;
        private readonly TransientRetry retry;
        private readonly object gate = new object();
        private Task<GoToCopyAction>? ensured;

        public GoToCopyJob(GoToCopyService service, GoToCopyPlan plan, StateMachineDefinition current, TransientRetry retry)
        {
            this.service = service;
            this.retry = retry;
            Plan = plan;
            Current = current;
        }

        public GoToCopyPlan Plan { get; }

        /// <summary>The source state machine's current definition, which the copy carries.</summary>
        public StateMachineDefinition Current { get; }

        public string CopyArn => Plan.CopyArn;

        /// <summary>
        /// Creates the copy on the first call; later calls share that outcome, a failure included (a thousand
        /// executions must not make a thousand CreateStateMachine calls that fail the same way).
        /// </summary>
        public Task<GoToCopyAction> EnsureAsync(CancellationToken cancellationToken)
        {
            lock (gate)
            {
                if (ensured == null || ensured.IsCanceled)
                {
                    // Started outside the lock: the other executions of the batch must not hold pool threads
                    // waiting on it while the call gets going.
                    ensured = Task.Run(() => service.EnsureAsync(Plan, retry, cancellationToken));
                }

                return ensured;
            }
        }
    }
}
