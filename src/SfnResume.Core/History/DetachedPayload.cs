using System;
using System.Text.Json;
using SfnResume.Aws.Model;

namespace SfnResume.History
{
    /// <summary>
    /// One payload copied out of a saved history before the file closed, still undecoded (see
    /// <see cref="LazyPayload.Detach"/>): decoded as the file would have decoded it, damage included.
    /// </summary>
    internal sealed class DetachedPayload : IPayloadBytes
    {
        private readonly byte[] token;
        private readonly long startInFile;

        public DetachedPayload(byte[] token, long startInFile)
        {
            this.token = token;
            this.startInFile = startInFile;
        }

        /// <exception cref="HistoryFormatException">An escaped lone surrogate, or bytes that are not UTF-8.</exception>
        public string? ReadString(long start, int length) => SavedHistoryFile.DecodeString(new ReadOnlySpan<byte>(token, (int)start, length), startInFile + start);

        public IPayloadBytes Detach(long start, int length) => this;
    }
}
