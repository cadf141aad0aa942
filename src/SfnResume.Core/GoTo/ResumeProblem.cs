namespace SfnResume.GoTo
{
    /// <summary>Why a resume cannot be prepared; the name is the stable error id users see.</summary>
    public enum ResumeProblem
    {
        /// <summary>A failure point read from a file names no execution or state machine to copy.</summary>
        FailurePointWithoutExecution,

        /// <summary>Neither the failure point nor the caller names a state to resume at.</summary>
        NoResumeState,

        /// <summary>The history had no execution data, so the input to resume with is unknown.</summary>
        ResumeInputUnknown,

        /// <summary>The definition has no state of that name.</summary>
        UnknownState,

        /// <summary>The state is inside a Parallel branch or Map iteration; the GoTo Choice reaches top-level states only.</summary>
        NotTopLevelState,

        /// <summary>The replacement input or the patch is not JSON.</summary>
        InvalidInput,
    }
}
