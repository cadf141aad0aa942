using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.Express;
using SfnResume.GoTo.Distributed;

namespace SfnResume.Redrive
{
    /// <summary>
    /// Makes the one change a planned item asks for: RedriveExecution with its client token, or the GoTo copy
    /// (created once per state machine) and a StartExecution under the resume's own name. Both are recognised by
    /// AWS when repeated (see <see cref="RedriveClientToken"/> and <see cref="ResumedRunNames"/>), so a retried
    /// call, or a rerun of the whole command, resumes each execution once. Asking first is the caller's job.
    /// </summary>
    internal sealed class RedriveExecutor
    {
        private readonly IStepFunctionsClient client;
        private readonly BatchCalls calls;
        private readonly Func<ItemFileStore>? itemFiles;

        /// <param name="itemFiles">Where a precise Distributed Map resume's item file is written; null when S3 is not used.</param>
        public RedriveExecutor(IStepFunctionsClient client, BatchCalls calls, Func<ItemFileStore>? itemFiles = null)
        {
            this.client = client;
            this.calls = calls;
            this.itemFiles = itemFiles;
        }

        /// <summary>Redrives or starts <paramref name="item"/>; AWS's refusal comes back as its exception.</summary>
        public Task<ResumedRun> ResumeAsync(RedrivePlanItem item, CancellationToken cancellationToken)
            => item.Method == RedriveMethod.Redrive ? RedriveAsync(item, cancellationToken) : StartGoToAsync(item, cancellationToken);

        private async Task<ResumedRun> RedriveAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            var request = new RedriveExecutionRequest { ExecutionArn = item.ExecutionArn, ClientToken = item.ClientToken };
            var redriven = await calls.RunAsync(ct => client.RedriveExecutionAsync(request, ct), cancellationToken, finishesAnExecution: true).ConfigureAwait(false);
            var result = RedriveResults.For(item);
            result.ResumedExecutionArn = item.ExecutionArn;
            result.RedriveCount++;
            result.ResumedAt = redriven.RedriveDate;
            result.Status = "Started";
            return new ResumedRun(item, result);
        }

        private async Task<ResumedRun> StartGoToAsync(RedrivePlanItem item, CancellationToken cancellationToken)
        {
            var copy = item.Copy!;
            var resume = RedriveResults.StartFor(item)!;
            if (resume.Distributed?.ItemFile is { } file)
            {
                // The resumed run's Map reads it: written first. Its key holds a hash of its content, so a rerun
                // of the command finds it there and writes nothing.
                var store = itemFiles?.Invoke() ?? throw new InvalidOperationException("The resume needs its item file written to S3, and no S3 client was given.");
                await store.WriteAsync(file, cancellationToken).ConfigureAwait(false);
            }

            await copy.EnsureAsync(cancellationToken).ConfigureAwait(false);
            var request = new StartExecutionRequest
            {
                StateMachineArn = copy.CopyArn,
                Name = item.Resumes!.RunName,
                Input = resume.Input,
            };
            var result = RedriveResults.For(item);
            Func<CancellationToken, Task<StartExecutionResponse>> start = ct => client.StartExecutionAsync(request, ct);
            if (item.ExpressLogGroup != null)
            {
                start = ct => StartExpressOnceAsync(request, item.ExpressLogGroup, ct);
            }

            try
            {
                var started = await calls.RunAsync(start, cancellationToken, finishesAnExecution: true).ConfigureAwait(false);
                result.ResumedExecutionArn = started.ExecutionArn;
                result.ResumedAt = started.StartDate;
            }
            catch (StepFunctionsException e) when (e.ErrorCode == "ExecutionAlreadyExists")
            {
                // The name is this resume's own: another run of this command started it since the plan looked
                // (or an earlier try of this call whose answer was lost). Report that run; start nothing.
                var existing = await calls.RunAsync(ct => client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = ExecutionArns.For(copy.CopyArn, request.Name!), IncludedData = "METADATA_ONLY" }, ct), cancellationToken, finishesAnExecution: true).ConfigureAwait(false);
                result.ResumedExecutionArn = existing.ExecutionArn;
                result.ResumedAt = existing.StartDate;
                result.ResumedStatus = existing.Status;
                result.Status = "AlreadyResumed";
                return new ResumedRun(item, result);
            }

            result.Status = "Started";
            return new ResumedRun(item, result);
        }

        /// <summary>
        /// StartExecution is not idempotent for Express workflows: a name used again starts another run. So only a
        /// refusal for the rate (nothing started) is tried again; a call whose answer was lost (a dropped connection,
        /// a 5xx) may have started the run and is not repeated: the error says so, and a rerun finds the run in the
        /// log group once its records arrived.
        /// </summary>
        private async Task<StartExecutionResponse> StartExpressOnceAsync(StartExecutionRequest request, string logGroup, CancellationToken cancellationToken)
        {
            try
            {
                return await client.StartExecutionAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is AmazonServiceException aws && TransientRetry.IsThrottling(aws)) && TransientRetry.IsTransient(e, cancellationToken))
            {
                throw new ExpressLogsException(ExpressLogsException.StartUnknown,
                    $"StartExecution of the Express resume '{request.Name}' on '{request.StateMachineArn}' got no answer ({e.Message}): the run may have started. "
                        + "StartExecution is not idempotent for Express workflows, so it was not tried again.",
                    $"Run the same command again in a minute or two: a run that started is found in the log group '{logGroup}' by its name and reported as AlreadyResumed; one that did not is started then.",
                    e);
            }
        }
    }
}
