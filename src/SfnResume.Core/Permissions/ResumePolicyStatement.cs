namespace SfnResume.Permissions
{
    /// <summary>One statement of a generated policy, as it is written in the document.</summary>
    public sealed class ResumePolicyStatement
    {
        public string Sid { get; set; } = string.Empty;

        public string Purpose { get; set; } = string.Empty;

        public TextList Actions { get; set; } = TextList.Empty;

        public TextList Resources { get; set; } = TextList.Empty;

        /// <summary>The statement's Condition as JSON; null when it has none.</summary>
        public string? Condition { get; set; }

        public override string ToString() => $"{Sid}: {Actions} on {Resources}";
    }
}
