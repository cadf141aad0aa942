namespace SfnResume.Aws.Model
{
    /// <summary>
    /// TestState's <c>mock</c>, as in the Step Functions API model: the result a Task, Map or Parallel state
    /// is taken to have produced, so that nothing is invoked. AWS accepts it for those states only (a Pass,
    /// Fail or Succeed state with a mock is "not supported when a mock is specified"), and requires it for Map,
    /// Parallel, Activity, <c>.sync</c> and <c>.waitForTaskToken</c> states.
    /// </summary>
    public sealed class MockInput
    {
        /// <summary>The mocked result: JSON text (an array for a Parallel, or a Map without a ResultWriter).</summary>
        public string? Result { get; set; }

        /// <summary>
        /// STRICT (the default), PRESENT or NONE: how closely <see cref="Result"/> must match the API of the
        /// service the Task calls. The result must be valid JSON whatever the mode.
        /// </summary>
        public string? FieldValidationMode { get; set; }
    }
}
