namespace SfnResume.Aws.Model
{
    /// <summary>Where payload strings lie still undecoded: a saved history, or a copy of one payload out of it.</summary>
    internal interface IPayloadBytes
    {
        /// <summary>Decodes the JSON string token (quotes included) at the given place.</summary>
        string? ReadString(long start, int length);

        /// <summary>
        /// The token at the given place, copied out undecoded into a source of its own (read at 0) that lives on
        /// after this one closes.
        /// </summary>
        IPayloadBytes Detach(long start, int length);
    }
}
