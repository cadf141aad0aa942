namespace SfnResume.GoTo
{
    /// <summary>How much of a Parallel or Map a resumed run repeats.</summary>
    public enum ResumePrecision
    {
        /// <summary>Only the branches and iterations that did not finish run again; the others replay their recorded outputs.</summary>
        Precise,

        /// <summary>The top-level state is run again whole, every branch and iteration of it.</summary>
        WholeState,
    }
}
