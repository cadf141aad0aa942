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

        // Distributed Map (GoTo/Distributed): what a resume that runs only the Map Run's unfinished items gives up.

        /// <summary>A Distributed Map's items come from a source SfnResume does not read (CSV, a manifest, an S3 object list...), or were not read: it re-runs whole.</summary>
        public const string ItemSourceNotRead = "ItemSourceNotRead";

        /// <summary>A Distributed Map's children cannot all be matched to the items read now (the items changed, or a child's input is unknown): it re-runs whole.</summary>
        public const string ItemsNotMatched = "ItemsNotMatched";

        /// <summary>No bucket to write the file of items to re-run: none was named, and the Map's ItemReader names none. It re-runs whole.</summary>
        public const string NoItemBucket = "NoItemBucket";

        /// <summary>A Distributed Map resumed precisely: its result (output array or ResultWriter files) holds only the items that ran again.</summary>
        public const string PartialResult = "PartialResult";
    }
}
