namespace SfnResume.GoTo
{
    /// <summary>Where, at the innermost level, the operator resumes instead of the recorded failure point, and with what input.</summary>
    public sealed class ReplayOverride
    {
        public ReplayOverride(string container, int index, string state, string input)
        {
            Container = container;
            Index = index;
            State = state;
            Input = input;
        }

        /// <summary>The Parallel or Map holding <see cref="State"/>.</summary>
        public string Container { get; }

        /// <summary>The branch or iteration.</summary>
        public int Index { get; }

        public string State { get; }

        /// <summary>JSON text.</summary>
        public string Input { get; }
    }
}
