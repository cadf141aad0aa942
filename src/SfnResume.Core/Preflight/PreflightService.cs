using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using SfnResume.Aws;
using SfnResume.Aws.Model;

namespace SfnResume.Preflight
{
    /// <summary>
    /// Checks, without changing anything, whether a resume state accepts what it will be given: TestState runs
    /// the state of the definition the resume uses, on the input it would be given, with the variables in
    /// scope and a stand-in result for whatever it would call. A missing path, a failing JSONata expression, a
    /// Choice that no rule matches: each comes back as <see cref="PreflightStatus.Failed"/> with AWS's error and
    /// cause. Rows that would make the same call share it, so a batch costs one call per distinct definition,
    /// state, input and variables.
    /// <para>A Task, Map or Parallel state that fails is asked about once more without its result processing:
    /// when that passes, the failure lay in what the state does with the stand-in result, which proves nothing
    /// about the real one (<see cref="PreflightCodes.ResultNotJudged"/>).</para>
    /// </summary>
    public sealed class PreflightService
    {
        private readonly Func<TestStateRequest, CancellationToken, Task<TestStateResponse>> testState;
        private readonly ConcurrentDictionary<string, Lazy<Task<PreflightOutcome>>> checks = new ConcurrentDictionary<string, Lazy<Task<PreflightOutcome>>>(StringComparer.Ordinal);

        public PreflightService(IStepFunctionsClient client)
            : this((request, ct) => client.TestStateAsync(request, ct))
        {
        }

        /// <param name="testState">How to call TestState: a batch passes its own calls, with their retries and their limit on calls at once.</param>
        public PreflightService(Func<TestStateRequest, CancellationToken, Task<TestStateResponse>> testState)
        {
            this.testState = testState;
        }

        /// <summary>The outcome for <paramref name="subject"/>; the same task for every subject with the same key.</summary>
        public Task<PreflightOutcome> CheckAsync(PreflightSubject subject, CancellationToken cancellationToken)
            => checks.GetOrAdd(subject.Key, _ => new Lazy<Task<PreflightOutcome>>(() => RunAsync(subject, cancellationToken))).Value;

        private async Task<PreflightOutcome> RunAsync(PreflightSubject subject, CancellationToken cancellationToken)
        {
            if (subject.Input == null)
            {
                return PreflightOutcome.NotTestable(subject.StateName, PreflightCodes.InputUnknown, $"The input '{subject.StateName}' would be given is unknown (the history has no execution data).");
            }

            var state = StateUnderTest.Find(subject, out var notTestable);
            if (state == null)
            {
                return notTestable!;
            }

            var (answer, refused) = await CallAsync(state, state.Request(subject), cancellationToken).ConfigureAwait(false);
            if (answer == null)
            {
                return refused!;
            }

            if (answer.Status == "SUCCEEDED")
            {
                return PreflightOutcome.Passed(state.Name, answer.NextState, state.StandInResult);
            }

            if (!IsFailure(answer.Status))
            {
                return PreflightOutcome.NotTestable(state.Name, PreflightCodes.CallFailed, $"TestState answered with a status SfnResume does not know: '{answer.Status}'.", answer.Error, answer.Cause, answer.Status, state.StandInResult);
            }

            if (!state.ProcessesItsResult)
            {
                return PreflightOutcome.Failed(state.Name, answer.Status, answer.Error, answer.Cause, answer.NextState, state.StandInResult);
            }

            var (inputSide, refusedAgain) = await CallAsync(state, state.RequestWithoutResultProcessing(subject), cancellationToken).ConfigureAwait(false);
            if (inputSide == null)
            {
                return refusedAgain!;
            }

            if (IsFailure(inputSide.Status))
            {
                return PreflightOutcome.Failed(state.Name, inputSide.Status, inputSide.Error, inputSide.Cause, inputSide.NextState, state.StandInResult);
            }

            return PreflightOutcome.NotTestable(state.Name, PreflightCodes.ResultNotJudged,
                $"'{state.Name}' accepts the input it would be given, but its result processing failed on the stand-in result {state.StandInResult} ({answer.Error}: {answer.Cause}); what it does with the real result is unknown.",
                answer.Error, answer.Cause, answer.Status, state.StandInResult);
        }

        private static bool IsFailure(string status) => status == "FAILED" || status == "CAUGHT_ERROR" || status == "RETRIABLE";

        /// <summary>TestState's answer, or why there is none: AWS's refusals and failed calls are outcomes of their own, not errors.</summary>
        private async Task<(TestStateResponse? Answer, PreflightOutcome? NotTestable)> CallAsync(StateUnderTest state, TestStateRequest request, CancellationToken cancellationToken)
        {
            try
            {
                return (await testState(request, cancellationToken).ConfigureAwait(false), null);
            }
            catch (StepFunctionsException e) when (e.ErrorCode == "AccessDeniedException")
            {
                return (null, PreflightOutcome.NotTestable(state.Name, PreflightCodes.NoPermission,
                    $"The caller may not call TestState ({e.Message}). Allow states:TestState to have resumes checked first."));
            }
            catch (StepFunctionsException e) when (e.ErrorCode == "ValidationException" || e.ErrorCode == "InvalidDefinition" || e.ErrorCode == "InvalidExecutionInput")
            {
                return (null, PreflightOutcome.NotTestable(state.Name, PreflightCodes.TestStateRefused,
                    $"TestState cannot run '{state.Name}' ({state.Type}) this way: {e.ErrorCode}: {e.Message}", standInResult: state.StandInResult));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && (TransientRetry.IsTransient(e, cancellationToken) || e is AmazonServiceException || e is AmazonClientException))
            {
                return (null, PreflightOutcome.NotTestable(state.Name, PreflightCodes.CallFailed, $"TestState could not be called: {e.Message}"));
            }
        }
    }
}
