namespace SfnResume.Aws.Model
{
    /// <summary>
    /// The bytes of a saved history, where the details and payloads of its events still lie undecoded
    /// (see <see cref="HistoryEvent.Details"/> and <see cref="LazyPayload"/>).
    /// </summary>
    internal interface IEventBytes : IPayloadBytes
    {
        /// <summary>Reads the details of <paramref name="owner"/>, which the source knows by <paramref name="key"/>.</summary>
        HistoryEventDetails ReadDetails(HistoryEvent owner, int key);

        /// <summary>The <c>name</c> of the details known by <paramref name="key"/>, read without building them.</summary>
        string? ReadName(HistoryEvent owner, int key);

        /// <summary>The <c>index</c> of the details known by <paramref name="key"/>, read without building them.</summary>
        int? ReadIndex(HistoryEvent owner, int key);

        /// <summary>The <c>output</c> of the details known by <paramref name="key"/>, undecoded, read without building them.</summary>
        LazyPayload ReadOutput(HistoryEvent owner, int key);

        /// <summary>Whether the details known by <paramref name="key"/> say their output was cut short (<c>outputDetails.truncated</c>).</summary>
        bool OutputTruncated(HistoryEvent owner, int key);

        /// <summary>Whether the details known by <paramref name="key"/> assign variables (a non-empty <c>assignedVariables</c>).</summary>
        bool AssignsVariables(HistoryEvent owner, int key);

        /// <summary>The members of the details known by <paramref name="key"/> that the model does not name.</summary>
        System.Collections.Generic.Dictionary<string, System.Text.Json.JsonElement>? ReadOtherMembers(int key);
    }
}
