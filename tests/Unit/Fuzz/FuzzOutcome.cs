namespace SfnResume.Tests.Fuzz
{
    /// <summary>How the engine took one case. Only Answer and DocumentedError are acceptable.</summary>
    public enum FuzzOutcome
    {
        Answer,
        DocumentedError,
        Crash,
        Hang,
        Inconsistent,
    }
}
