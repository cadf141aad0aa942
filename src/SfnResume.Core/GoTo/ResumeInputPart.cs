namespace SfnResume.GoTo
{
    /// <summary>Which part of what makes the resuming input a problem is about.</summary>
    public enum ResumeInputPart
    {
        /// <summary>None: the problem is not about the input.</summary>
        None,

        /// <summary>The input the caller gave to replace the recorded one.</summary>
        Replacement,

        /// <summary>The JSON Merge Patch the caller gave to change the input.</summary>
        Patch,

        /// <summary>What the failure point recorded (its input or a variable), perhaps corrected by hand.</summary>
        Recorded,
    }
}
