namespace SfnResume.Aws.Model
{
    /// <summary>The TestState response, as in the Step Functions API model, without the inspection data.</summary>
    public sealed class TestStateResponse
    {
        /// <summary>SUCCEEDED, FAILED, RETRIABLE (a Retry would run it again) or CAUGHT_ERROR (a Catch handles the error).</summary>
        public string Status { get; set; } = string.Empty;

        /// <summary>The state's output: JSON text.</summary>
        public string? Output { get; set; }

        public string? Error { get; set; }

        public string? Cause { get; set; }

        /// <summary>Where the execution would go next; none after a failure or at an end.</summary>
        public string? NextState { get; set; }
    }
}
