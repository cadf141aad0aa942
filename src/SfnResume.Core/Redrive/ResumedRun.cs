namespace SfnResume.Redrive
{
    /// <summary>A run that was redriven or started, with the plan it came from (for waiting on it).</summary>
    public sealed class ResumedRun
    {
        public ResumedRun(RedrivePlanItem item, RedriveResult result)
        {
            Item = item;
            Result = result;
        }

        public RedrivePlanItem Item { get; }

        public RedriveResult Result { get; }
    }
}
