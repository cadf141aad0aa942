namespace SfnResume.Redrive
{
    /// <summary>One reason native redrive does not apply: a stable code and a sentence for the operator.</summary>
    public sealed class RedriveReason
    {
        public RedriveReason(string code, string message)
        {
            Code = code;
            Message = message;
        }

        public string Code { get; }

        public string Message { get; }

        public override string ToString() => $"{Code}: {Message}";
    }
}
