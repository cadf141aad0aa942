namespace SfnResume.Aws.Pacing
{
    /// <summary>One API's token bucket on AWS's side: how many calls it holds, and how many it gains a second.</summary>
    public readonly struct ApiQuota
    {
        public ApiQuota(double burst, double refillPerSecond)
        {
            Burst = burst;
            RefillPerSecond = refillPerSecond;
        }

        public double Burst { get; }

        public double RefillPerSecond { get; }
    }
}
