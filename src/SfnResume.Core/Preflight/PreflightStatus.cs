namespace SfnResume.Preflight
{
    /// <summary>What a preflight found for one resume.</summary>
    public enum PreflightStatus
    {
        /// <summary>The resume state accepts the input it would be given.</summary>
        Passed,

        /// <summary>The resume state fails on the input it would be given: the resume would fail there again.</summary>
        Failed,

        /// <summary>The resume could not be checked; its reason says why. It does not keep a resume from going ahead.</summary>
        NotTestable,
    }
}
