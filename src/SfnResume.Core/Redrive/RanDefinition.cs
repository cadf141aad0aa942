using SfnResume.Definitions;

namespace SfnResume.Redrive
{
    /// <summary>The definition an execution ran, as far as a redrive cares: parsed (null when it does not parse), and whether it is the current one.</summary>
    internal sealed class RanDefinition
    {
        public RanDefinition(StateMachineDefinition? parsed, bool isCurrent)
        {
            Parsed = parsed;
            IsCurrent = isCurrent;
        }

        public StateMachineDefinition? Parsed { get; }

        public bool IsCurrent { get; }
    }
}
