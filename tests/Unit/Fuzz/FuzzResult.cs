namespace SfnResume.Tests.Fuzz
{
    /// <summary>The outcome of one case, with what went wrong when it is not acceptable.</summary>
    public sealed class FuzzResult
    {
        public FuzzResult(FuzzCase fuzzCase, FuzzOutcome outcome, string detail = "")
        {
            Case = fuzzCase;
            Outcome = outcome;
            Detail = detail;
        }

        public FuzzCase Case { get; }

        public FuzzOutcome Outcome { get; }

        public string Detail { get; }

        public bool Acceptable => Outcome == FuzzOutcome.Answer || Outcome == FuzzOutcome.DocumentedError;

        public override string ToString() => $"{Outcome}: {Case} - {Detail}";
    }
}
