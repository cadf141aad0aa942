using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.Json;

namespace SfnResume.Redrive
{
    /// <summary>
    /// What a batch reads once per state machine, however many of its executions arrive and in whatever
    /// order: its current definition (one DescribeStateMachine), the definitions its executions ran (one
    /// DescribeStateMachineForExecution per distinct definition) and its GoTo copy (one CreateStateMachine).
    /// </summary>
    internal sealed class StateMachineReads
    {
        private readonly string stateMachineArn;
        private readonly IStepFunctionsClient client;
        private readonly GoToCopyService copies;
        private readonly TransientRetry retry;
        private readonly BatchCalls calls;
        private readonly Task allArrived;
        private readonly object gate = new object();
        private readonly Dictionary<string, Task<RanDefinition>> ranDefinitions = new Dictionary<string, Task<RanDefinition>>(StringComparer.Ordinal);
        private Task<DescribeStateMachineResponse>? current;
        private Task<GoToCopyJob>? copy;
        private readonly Dictionary<string, Task<GoToCopyJob>> versionCopies = new Dictionary<string, Task<GoToCopyJob>>(StringComparer.Ordinal);
        private RanDefinitionResolver? resolver;

        public StateMachineReads(
            string stateMachineArn,
            IStepFunctionsClient client,
            GoToCopyService copies,
            TransientRetry retry,
            BatchCalls calls,
            Task allArrived)
        {
            this.stateMachineArn = stateMachineArn;
            this.client = client;
            this.copies = copies;
            this.retry = retry;
            this.calls = calls;
            this.allArrived = allArrived;
        }

        /// <summary>DescribeStateMachine's answer, read on the first call; later calls share it, or its failure.</summary>
        /// <remarks>
        /// What is shared is started on the thread pool, outside the lock: starting a call runs the SDK's
        /// pipeline up to the network, which the first call of a process spends a quarter of a second compiling,
        /// and a parse takes its time too. The batch's other workers would wait on the lock meanwhile, each
        /// holding a pool thread.
        /// </remarks>
        public Task<DescribeStateMachineResponse> CurrentAsync(CancellationToken cancellationToken)
        {
            lock (gate)
            {
                if (current == null || current.IsCanceled)
                {
                    current = Task.Run(() => calls.RunAsync(ct => client.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = stateMachineArn }, ct), cancellationToken));
                }

                return current;
            }
        }

        /// <summary>The definition <paramref name="execution"/> ran, parsed once per distinct text; null when it could not be read.</summary>
        /// <param name="arrived">Called once the execution is counted in by the resolver.</param>
        public async Task<RanDefinition?> RanDefinitionAsync(DescribeExecutionResponse execution, Action arrived, CancellationToken cancellationToken)
        {
            // The resolver's first DescribeStateMachineForExecution goes out beside DescribeStateMachine, not after
            // it: the first redrive of a batch then waits one round trip, not two.
            RanDefinitionResolver ranResolver;
            lock (gate)
            {
                ranResolver = resolver ??= new RanDefinitionResolver(client, calls, CurrentAsync(cancellationToken), allArrived);
            }

            var text = await ranResolver.ResolveAsync(execution, arrived, cancellationToken).ConfigureAwait(false);
            if (text == null)
            {
                return null;
            }

            var now = await CurrentAsync(cancellationToken).ConfigureAwait(false);
            Task<RanDefinition>? ran;
            lock (gate)
            {
                if (!ranDefinitions.TryGetValue(text, out ran))
                {
                    ran = ranDefinitions[text] = Task.Run(() => new RanDefinition(StateMachineDefinition.TryParse(text), JsonValues.SameJson(text, now.Definition)));
                }
            }

            return await ran.ConfigureAwait(false);
        }

        /// <summary>The GoTo copy of the current definition, planned on the first call; created only when a run starts it.</summary>
        public Task<GoToCopyJob> CopyAsync(CancellationToken cancellationToken)
        {
            lock (gate)
            {
                if (copy == null || copy.IsCanceled)
                {
                    copy = Task.Run(() => PlanCopyAsync(cancellationToken));
                }

                return copy;
            }
        }

        /// <summary>
        /// Where an execution that ran <paramref name="versionArn"/> resumes: on that version itself when its
        /// definition is resume-ready (versions never change, so it is what the execution ran), else the GoTo copy
        /// of the current definition. One DescribeStateMachine per version, however many executions ran it.
        /// </summary>
        public Task<GoToCopyJob> CopyForVersionAsync(string versionArn, CancellationToken cancellationToken)
        {
            lock (gate)
            {
                if (!versionCopies.TryGetValue(versionArn, out var job) || job.IsCanceled)
                {
                    job = versionCopies[versionArn] = Task.Run(() => PlanVersionAsync(versionArn, cancellationToken));
                }

                return job;
            }
        }

        private async Task<GoToCopyJob> PlanVersionAsync(string versionArn, CancellationToken cancellationToken)
        {
            DescribeStateMachineResponse version;
            try
            {
                version = await calls.RunAsync(ct => client.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = versionArn }, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ItemFailure.Is(e, cancellationToken))
            {
                // A version deleted since, or no permission to read it: the copy of the current definition resumes it, as before versions were looked at.
                return await CopyAsync(cancellationToken).ConfigureAwait(false);
            }

            if (GoToCopyService.OnMachine(version, versionArn) is GoToCopyPlan onVersion)
            {
                return new GoToCopyJob(copies, onVersion, StateMachineDefinition.Parse(onVersion.OriginalDefinition), retry);
            }

            return await CopyAsync(cancellationToken).ConfigureAwait(false);
        }

        private async Task<GoToCopyJob> PlanCopyAsync(CancellationToken cancellationToken)
        {
            var now = await CurrentAsync(cancellationToken).ConfigureAwait(false);
            var plan = copies.PlanFrom(now);

            // The definition resumes are planned against: the original's (a resume-ready machine's is inside it).
            return new GoToCopyJob(copies, plan, StateMachineDefinition.Parse(plan.OriginalDefinition), retry);
        }
    }
}
