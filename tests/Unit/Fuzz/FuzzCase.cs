namespace SfnResume.Tests.Fuzz
{
    /// <summary>One mutated input: which fixture, which mutation, and the text to feed the engine.</summary>
    public sealed class FuzzCase
    {
        public FuzzCase(string source, string mutation, string text)
        {
            Source = source;
            Mutation = mutation;
            Text = text;
        }

        public string Source { get; }

        public string Mutation { get; }

        public string Text { get; }

        public override string ToString() => $"{Mutation} of {Source}";
    }
}
