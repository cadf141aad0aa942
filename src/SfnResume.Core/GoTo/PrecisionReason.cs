namespace SfnResume.GoTo
{
    /// <summary>
    /// Why a resumed run repeats work the failed run had finished: a stable code (<see cref="PrecisionCodes"/>)
    /// for runbooks to filter on, and a sentence for the operator that says what re-runs, why, and what to do.
    /// </summary>
    public sealed class PrecisionReason
    {
        public PrecisionReason(string code, string message, bool warns = true)
        {
            Code = code;
            Message = message;
            Warns = warns;
        }

        public string Code { get; }

        public string Message { get; }

        /// <summary>False only for what the operator asked for (-Precision Whole): the note says so, no warning does.</summary>
        public bool Warns { get; }

        public override string ToString() => $"{Code}: {Message}";
    }
}
