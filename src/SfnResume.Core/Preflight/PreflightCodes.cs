namespace SfnResume.Preflight
{
    /// <summary>Stable codes for why a resume could not be checked (<see cref="PreflightOutcome.Code"/>).</summary>
    public static class PreflightCodes
    {
        /// <summary>The caller may not call states:TestState.</summary>
        public const string NoPermission = "NoPermission";

        /// <summary>TestState refused the request (a ValidationException or InvalidDefinition): AWS's message says why.</summary>
        public const string TestStateRefused = "TestStateRefused";

        /// <summary>A Map state that reads its items with an ItemReader (from S3): the preflight reads nothing.</summary>
        public const string ItemReader = "ItemReader";

        /// <summary>
        /// A redrive: AWS re-runs the failed states with the definition and input they had. The preflight checks
        /// GoTo resumes, which start a state of the current definition with an input that can be corrected.
        /// </summary>
        public const string Redrive = "Redrive";

        /// <summary>The input the state would be given is unknown (a history without execution data).</summary>
        public const string InputUnknown = "InputUnknown";

        /// <summary>The definition has no state of that name.</summary>
        public const string StateNotFound = "StateNotFound";

        /// <summary>
        /// The state's input processing passed, but its result processing failed on the stand-in result the
        /// preflight gives in place of calling anything: what the real result would do is unknown.
        /// </summary>
        public const string ResultNotJudged = "ResultNotJudged";

        /// <summary>TestState could not be called (throttled, a network or service error, after retries).</summary>
        public const string CallFailed = "CallFailed";
    }
}
