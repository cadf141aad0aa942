using System;
using SfnResume.Aws.Model;

namespace SfnResume.History
{
    /// <summary>
    /// One payload copied out of a saved history before the file closed, still undecoded (see
    /// <see cref="LazyPayload.Detach"/>): decoded as the file would have decoded it, damage included.
    /// </summary>
    internal sealed class DetachedPayload : IPayloadBytes
    {
        private readonly byte[] bytes;
        private readonly int offset;
        private readonly long startInFile;

        /// <param name="bytes">Holds the token from <paramref name="offset"/> on (it may hold others too).</param>
        /// <param name="startInFile">Where the token lay in the file, for a message about damage.</param>
        public DetachedPayload(byte[] bytes, int offset, long startInFile)
        {
            this.bytes = bytes;
            this.offset = offset;
            this.startInFile = startInFile;
        }

        /// <exception cref="HistoryFormatException">An escaped lone surrogate, or bytes that are not UTF-8.</exception>
        public string? ReadString(long start, int length)
            => SavedHistoryFile.DecodeString(new ReadOnlySpan<byte>(bytes, offset + (int)start, length), startInFile + start);

        public IPayloadBytes Detach(long start, int length) => this;
    }
}
