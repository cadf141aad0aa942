using System.Management.Automation;
using SfnResume.Aws;
using SfnResume.Redrive;

namespace SfnResume.PowerShell.Internal
{
    /// <summary>What Invoke-SfnRedrive -Canary says when a canary did not succeed: one warning for the canary, one error per execution left untouched.</summary>
    internal static class CanaryReport
    {
        /// <summary>The name of a state machine from its ARN (<c>...:stateMachine:Name</c>, or a version's <c>Name:1</c>).</summary>
        public static string MachineName(string stateMachineArn) => StateMachineArns.NameOf(stateMachineArn);

        /// <summary>What became of the canary, as the end of a sentence: "failed again at state 'Charge' (Error: cause)".</summary>
        public static string WhatHappened(CanaryVerdict verdict)
        {
            var result = verdict.CanaryResult;
            if (verdict.CanaryError != null)
            {
                return $"could not be resumed ({verdict.CanaryError.Message})";
            }

            if (result == null)
            {
                return "did not succeed";
            }

            var point = result.FailurePoint;
            if (point != null)
            {
                var state = point.FailedState != null ? $" at state '{point.FailedState}'" : string.Empty;
                var error = point.Error ?? "no error given";
                return $"ended {result.Status}{state} ({error}{(string.IsNullOrEmpty(point.Cause) ? string.Empty : ": " + point.Cause)})";
            }

            return result.Status switch
            {
                "RUNNING" => "was still running when the wait timed out",
                "Started" or "AlreadyResumed" => $"could not be followed ({result.Reason})",
                _ => $"ended {result.Status}" + (string.IsNullOrEmpty(result.Reason) ? string.Empty : $" ({result.Reason})"),
            };
        }

        /// <summary>The warning for the canary itself, written with its result.</summary>
        public static string Warning(RedriveResult canary, string stateMachineArn)
        {
            var verdict = new CanaryVerdict(stateMachineArn, canary.ExecutionArn, canary, null);
            return $"Canary '{ExecutionArns.NameOf(canary.ExecutionArn)}' of '{MachineName(stateMachineArn)}' {WhatHappened(verdict)}: the other executions of '{MachineName(stateMachineArn)}' are left untouched.";
        }

        /// <summary>CanaryFailed: one execution left untouched because of <paramref name="verdict"/>.</summary>
        public static ErrorRecord Error(string executionArn, CanaryVerdict verdict)
        {
            var machine = MachineName(verdict.StateMachineArn);
            return ErrorRecords.Create(
                "CanaryFailed",
                ErrorCategory.OperationStopped,
                executionArn,
                $"'{ExecutionArns.NameOf(executionArn)}' was not resumed: the canary '{ExecutionArns.NameOf(verdict.CanaryExecutionArn)}' of '{machine}' {WhatHappened(verdict)}.",
                $"Fix what made the canary fail (its result's FailurePoint, or Get-SfnFailurePoint on its resumed run), then run the same command again: executions already resumed are recognised and not resumed twice.");
        }
    }
}
