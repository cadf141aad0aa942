namespace SfnResume.Redrive
{
    /// <summary>What the canary gate lets an execution do: go on in a role, or stay untouched for a verdict.</summary>
    internal sealed class CanaryTicket
    {
        public static readonly CanaryTicket Ordinary = new CanaryTicket(ResumeRole.Ordinary, null);
        public static readonly CanaryTicket Canary = new CanaryTicket(ResumeRole.Canary, null);
        public static readonly CanaryTicket AfterCanary = new CanaryTicket(ResumeRole.AfterCanary, null);

        private CanaryTicket(ResumeRole role, CanaryVerdict? withheld)
        {
            Role = role;
            Withheld = withheld;
        }

        public ResumeRole Role { get; }

        /// <summary>Set when the execution must stay untouched: the canary that did not succeed.</summary>
        public CanaryVerdict? Withheld { get; }

        public static CanaryTicket Withhold(CanaryVerdict verdict) => new CanaryTicket(ResumeRole.AfterCanary, verdict);
    }
}
