namespace SfnResume.Aws.Model
{
    /// <summary>
    /// The TestState request, as in the Step Functions API model (2025-11-19), with the members SfnResume
    /// uses. AWS runs one state of <see cref="Definition"/> on <see cref="Input"/>; with a <see cref="Mock"/>
    /// nothing the state names is invoked.
    /// </summary>
    public sealed class TestStateRequest
    {
        /// <summary>A single state, or a whole state machine with <see cref="StateName"/> naming the state to run.</summary>
        public string Definition { get; set; } = string.Empty;

        /// <summary>The state to run when <see cref="Definition"/> is a whole state machine; it may sit inside a Parallel or Map.</summary>
        public string? StateName { get; set; }

        /// <summary>
        /// The role the state's calls would run as. AWS asks for it only for a Task state without a mock
        /// ("RoleArn must be specified when testing a Task state").
        /// </summary>
        public string? RoleArn { get; set; }

        /// <summary>The state's input: JSON text, at most 256 KiB.</summary>
        public string? Input { get; set; }

        /// <summary>The workflow variables in scope: a JSON object, name to value.</summary>
        public string? Variables { get; set; }

        /// <summary>INFO (the default), DEBUG or TRACE.</summary>
        public string? InspectionLevel { get; set; }

        /// <summary>A result (or error) standing in for what the state would invoke.</summary>
        public MockInput? Mock { get; set; }
    }
}
