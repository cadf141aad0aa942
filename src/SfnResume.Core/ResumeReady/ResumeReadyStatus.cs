namespace SfnResume.ResumeReady
{
    /// <summary>What a deployed definition is, for resuming on the machine itself.</summary>
    public enum ResumeReadyStatus
    {
        /// <summary>Resume-ready, exactly what this SfnResume makes of its original (and of the source, when one was given).</summary>
        Current,

        /// <summary>Resume-ready, but of another original than the source given: the source changed since it was made.</summary>
        OutOfDate,

        /// <summary>Made by SfnResume once, but not what this SfnResume makes of its original (another version, or edited by hand).</summary>
        Stale,

        /// <summary>An ordinary definition: resumes need a GoTo copy.</summary>
        NotResumeReady,
    }
}
