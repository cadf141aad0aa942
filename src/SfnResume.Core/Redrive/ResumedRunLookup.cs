using System;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Model;

namespace SfnResume.Redrive
{
    /// <summary>
    /// What exists of a failed execution's GoTo resumes on the copy, found by their derived names: one
    /// DescribeExecution per attempt that exists, plus one that finds the next name free. A run that is
    /// RUNNING or SUCCEEDED (or awaiting a redrive) means the execution is already resumed; one that failed,
    /// timed out or was aborted is resumed in turn, from its own failure point, as the next attempt.
    /// </summary>
    public sealed class ResumedRunLookup
    {
        /// <summary>Attempts looked for at most: a chain longer than this is a loop, not a workflow.</summary>
        public const int MaxAttempts = 1000;

        private ResumedRunLookup(int attempt, string runName, DescribeExecutionResponse? latest)
        {
            Attempt = attempt;
            RunName = runName;
            Latest = latest;
        }

        /// <summary>The attempt to start, or when <see cref="AlreadyResumed"/> the attempt that carries on.</summary>
        public int Attempt { get; }

        /// <summary>The name of that attempt's run.</summary>
        public string RunName { get; }

        /// <summary>The newest resumed run that exists; null when none does.</summary>
        public DescribeExecutionResponse? Latest { get; }

        /// <summary>The newest resumed run is running or succeeded: nothing is to be started.</summary>
        public bool AlreadyResumed => Latest != null && !ExecutionStatuses.IsFailed(Latest.Status);

        /// <summary>The newest resumed run failed: the next attempt resumes from its failure point, not the original's.</summary>
        public DescribeExecutionResponse? FailedAgain => Latest != null && ExecutionStatuses.IsFailed(Latest.Status) ? Latest : null;

        /// <summary>No resume can exist yet (the copy is about to be created): attempt 1, and no call.</summary>
        public static ResumedRunLookup First(string failedExecutionArn) => new ResumedRunLookup(1, ResumedRunNames.For(failedExecutionArn, 1), null);

        /// <summary>What a search elsewhere found (an Express copy's runs, in its log group): the attempt to start or that carries on, and the newest run.</summary>
        internal static ResumedRunLookup Found(int attempt, string runName, DescribeExecutionResponse? latest) => new ResumedRunLookup(attempt, runName, latest);

        /// <summary>Describes <c>-r1</c>, <c>-r2</c>, ... on the copy until a name is free or a run has not failed.</summary>
        public static async Task<ResumedRunLookup> FindAsync(string failedExecutionArn, string copyArn, Func<DescribeExecutionRequest, CancellationToken, Task<DescribeExecutionResponse>> describe, CancellationToken cancellationToken)
        {
            DescribeExecutionResponse? latest = null;
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var name = ResumedRunNames.For(failedExecutionArn, attempt);
                DescribeExecutionResponse run;
                try
                {
                    run = await describe(new DescribeExecutionRequest { ExecutionArn = ExecutionArns.For(copyArn, name), IncludedData = "METADATA_ONLY" }, cancellationToken).ConfigureAwait(false);
                }
                catch (StepFunctionsException e) when (e.ErrorCode == "ExecutionDoesNotExist")
                {
                    return new ResumedRunLookup(attempt, name, latest);
                }

                latest = run;
                if (!ExecutionStatuses.IsFailed(run.Status))
                {
                    return new ResumedRunLookup(attempt, name, run);
                }
            }

            throw new InvalidOperationException($"'{failedExecutionArn}' has been resumed {MaxAttempts} times, and every run failed; resume it by hand.");
        }
    }
}
