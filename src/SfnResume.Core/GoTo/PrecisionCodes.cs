namespace SfnResume.GoTo
{
    /// <summary>The codes of <see cref="PrecisionReason"/>: each names what was given up, and stays the same from release to release.</summary>
    public static class PrecisionCodes
    {
        /// <summary>A Parallel or Map cannot have a replay twin (an ItemReader, an ItemBatcher, a Distributed Map, ...): it re-runs whole.</summary>
        public const string NoTwin = "NoTwin";

        /// <summary>With the recorded outputs of what succeeded, the resuming input would exceed StartExecution's 256 KiB: the container re-runs whole.</summary>
        public const string InputTooLarge = "InputTooLarge";

        /// <summary>A branch or iteration succeeded, but Step Functions cut its recorded output short: it runs again.</summary>
        public const string OutputTruncated = "OutputTruncated";

        /// <summary>A branch or iteration succeeded, but the history holds no output for it (no execution data): it runs again.</summary>
        public const string OutputNotRecorded = "OutputNotRecorded";

        /// <summary>A branch or iteration stopped part-way, but the input of the state it stopped in was not recorded: it runs from its start.</summary>
        public const string ResumeInputNotRecorded = "ResumeInputNotRecorded";

        /// <summary>The operator asked for -Precision Whole: the container re-runs whole, and no warning is written.</summary>
        public const string WholeAsked = "WholeAsked";

        /// <summary>The container was named with -StateName and no failure point: nothing is known of what ran inside it.</summary>
        public const string NoFailurePoint = "NoFailurePoint";

        /// <summary>The container was named with -StateName, but the failure point's failure lies elsewhere: nothing was recorded inside it.</summary>
        public const string FailedElsewhere = "FailedElsewhere";

        /// <summary>The failure point was found without the state machine's definition, so it does not tell what ran inside the container.</summary>
        public const string NoDefinitionInAnalysis = "NoDefinitionInAnalysis";

        /// <summary>The failure point holds no record of the container's branches or iterations, for another reason.</summary>
        public const string NoContainerRecord = "NoContainerRecord";
    }
}
