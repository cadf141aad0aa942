namespace SfnResume.Aws.Model
{
    /// <summary>
    /// The bytes of a saved history, where the details and payloads of its events still lie undecoded
    /// (see <see cref="HistoryEvent.Details"/> and <see cref="LazyPayload"/>).
    /// </summary>
    internal interface IEventBytes
    {
        /// <summary>Reads the details of <paramref name="owner"/>, which the source knows by <paramref name="key"/>.</summary>
        HistoryEventDetails ReadDetails(HistoryEvent owner, int key);

        /// <summary>The members of the details known by <paramref name="key"/> that the model does not name.</summary>
        System.Collections.Generic.Dictionary<string, System.Text.Json.JsonElement>? ReadOtherMembers(int key);

        /// <summary>Decodes the JSON string token (quotes included) at the given place.</summary>
        string? ReadString(long start, int length);
    }
}
