namespace SfnResume.GoTo.Distributed
{
    /// <summary>How a child execution of a Map Run ended (ListExecutions by mapRunArn).</summary>
    public enum MapRunChildStatus
    {
        Succeeded,
        Failed,
        TimedOut,
        Aborted,

        /// <summary>Still running, or pending a redrive: its outcome is not known, so its item runs again.</summary>
        Running,
    }
}
