namespace SfnResume.Copies
{
    /// <summary>Why a state machine was not listed or not removed as a GoTo copy.</summary>
    public enum GoToCopyProblem
    {
        /// <summary>There is no state machine of that ARN.</summary>
        NotFound,

        /// <summary>The state machine is not a copy SfnResume made: never deleted by SfnResume.</summary>
        NotACopy,

        /// <summary>The copy has running executions, which deleting it would stop.</summary>
        HasRunningExecutions,

        /// <summary>Whether the copy runs anything cannot be told (Express): deleting it might stop work.</summary>
        RunningExecutionsUnknown,
    }
}
