namespace SfnResume.Copies
{
    /// <summary>What one step of a copy listing is.</summary>
    public enum CopyListingStepKind
    {
        /// <summary>A page of state machines was read (progress only).</summary>
        Listed,

        /// <summary>A copy was found: <see cref="CopyListingStep.Copy"/>.</summary>
        Found,

        /// <summary>A machine named like a copy is none (<see cref="CopyListingStep.Reason"/>), or the copy asked for does not exist.</summary>
        Passed,

        /// <summary>A machine could not be read: <see cref="CopyListingStep.Failure"/>; the listing goes on.</summary>
        Failed,
    }
}
