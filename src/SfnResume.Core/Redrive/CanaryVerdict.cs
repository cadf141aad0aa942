using System;

namespace SfnResume.Redrive
{
    /// <summary>
    /// Why the executions of a state machine were left untouched: the canary that did not succeed, as facts
    /// (what it ended as, where it failed again, or the error that kept it from starting).
    /// </summary>
    public sealed class CanaryVerdict
    {
        public CanaryVerdict(string stateMachineArn, string canaryExecutionArn, RedriveResult? canaryResult, Exception? canaryError)
        {
            StateMachineArn = stateMachineArn;
            CanaryExecutionArn = canaryExecutionArn;
            CanaryResult = canaryResult;
            CanaryError = canaryError;
        }

        /// <summary>The state machine whose executions the canary stood for.</summary>
        public string StateMachineArn { get; }

        /// <summary>The failed execution that was resumed as the canary.</summary>
        public string CanaryExecutionArn { get; }

        /// <summary>
        /// The canary's resumed run as it ended: Status FAILED, TIMED_OUT or ABORTED with its new FailurePoint, or
        /// RUNNING at the wait's timeout, or Started with a Reason when it could not be followed. Null when it
        /// could not be resumed (see <see cref="CanaryError"/>).
        /// </summary>
        public RedriveResult? CanaryResult { get; }

        /// <summary>Why the canary could not be resumed at all.</summary>
        public Exception? CanaryError { get; }
    }
}
