namespace SfnResume.Preflight
{
    /// <summary>
    /// What TestState said of one resume: the resume state run on the input it would be given (the recorded
    /// input, or the corrected one) with the variables in scope, and a stand-in result for what a Task, Map or
    /// Parallel state would call, so that nothing was invoked.
    /// </summary>
    public sealed class PreflightOutcome
    {
        private PreflightOutcome(PreflightStatus status, string? stateName, string reason)
        {
            Status = status;
            StateName = stateName;
            Reason = reason;
        }

        /// <summary>The same for every redrive: one instance, so a warning about it is written once.</summary>
        public static PreflightOutcome ForRedrive { get; } = NotTestable(null, PreflightCodes.Redrive,
            "Redrive re-runs the failed states with the definition and input they had; the preflight checks GoTo resumes only, which start a state of the current definition with an input you can correct.");

        public PreflightStatus Status { get; }

        /// <summary>The state that was run: the resume state.</summary>
        public string? StateName { get; }

        /// <summary>Failed: the error the state raised. NotTestable (ResultNotJudged): the error of its result processing.</summary>
        public string? Error { get; private set; }

        /// <summary>Failed: the cause, AWS's words (for a missing path, which path and the field that reads it).</summary>
        public string? Cause { get; private set; }

        /// <summary>NotTestable: why, as a stable code (<see cref="PreflightCodes"/>).</summary>
        public string? Code { get; private set; }

        /// <summary>What was found, in words.</summary>
        public string Reason { get; }

        /// <summary>TestState's own status: SUCCEEDED, FAILED, RETRIABLE or CAUGHT_ERROR; null when it was not called.</summary>
        public string? TestStatus { get; private set; }

        /// <summary>Where the execution would go next (a Choice's rule, the state's Next, a Catch's Next).</summary>
        public string? NextState { get; private set; }

        /// <summary>The result given in place of calling anything (Task, Map, Parallel); null for a state that calls nothing.</summary>
        public string? StandInResult { get; private set; }

        public static PreflightOutcome Passed(string stateName, string? nextState, string? standInResult)
            => new PreflightOutcome(PreflightStatus.Passed, stateName, standInResult == null
                ? $"'{stateName}' accepts the input it would be given."
                : $"'{stateName}' accepts the input it would be given (with a stand-in result for what it calls: nothing was invoked).")
            {
                TestStatus = "SUCCEEDED",
                NextState = nextState,
                StandInResult = standInResult,
            };

        public static PreflightOutcome Failed(string stateName, string testStatus, string? error, string? cause, string? nextState, string? standInResult)
        {
            var handled = testStatus == "CAUGHT_ERROR" ? $" A Catch would handle it{(nextState == null ? string.Empty : $" and go to '{nextState}'")}, not the state's own Next."
                : testStatus == "RETRIABLE" ? " A Retry would run it again, on the same input." : string.Empty;
            return new PreflightOutcome(PreflightStatus.Failed, stateName, $"'{stateName}' fails on the input it would be given: {error}: {cause}{handled}")
            {
                Error = error,
                Cause = cause,
                TestStatus = testStatus,
                NextState = nextState,
                StandInResult = standInResult,
            };
        }

        public static PreflightOutcome NotTestable(string? stateName, string code, string reason, string? error = null, string? cause = null, string? testStatus = null, string? standInResult = null)
            => new PreflightOutcome(PreflightStatus.NotTestable, stateName, reason)
            {
                Code = code,
                Error = error,
                Cause = cause,
                TestStatus = testStatus,
                StandInResult = standInResult,
            };

        /// <summary>"Passed", "Failed: States.Runtime", "NotTestable: NoPermission".</summary>
        public override string ToString() => Status switch
        {
            PreflightStatus.Failed => $"Failed: {Error}",
            PreflightStatus.NotTestable => $"NotTestable: {Code}",
            _ => "Passed",
        };
    }
}
