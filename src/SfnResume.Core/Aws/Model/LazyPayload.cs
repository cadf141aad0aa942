namespace SfnResume.Aws.Model
{
    /// <summary>
    /// A payload string (an input, output, parameters or cause) that may still be bytes of a saved history,
    /// decoded the first time it is read: most payloads of a long history are never looked at.
    /// </summary>
    internal struct LazyPayload
    {
        private string? text;
        private IPayloadBytes? source;
        private long start;
        private int length;

        public LazyPayload(string? text)
        {
            this.text = text;
            source = null;
            start = 0;
            length = 0;
        }

        /// <summary>A payload still in <paramref name="source"/>: the JSON string token at <paramref name="start"/>, quotes included.</summary>
        public static LazyPayload Deferred(IPayloadBytes source, long start, int length)
            => new LazyPayload { source = source, start = start, length = length };

        /// <summary>Whether there is a payload (a JSON null is none), known without decoding it.</summary>
        public bool HasValue => text != null || source != null;

        /// <summary>The text, decoding it on the first call. Call it on the field itself: it keeps what it decoded.</summary>
        public string? Resolve()
        {
            if (source != null)
            {
                text = source.ReadString(start, length);
                source = null;
            }

            return text;
        }

        /// <summary>
        /// The same payload, no longer reading from a source that is about to close: its bytes are copied, which
        /// costs a fraction of decoding them (a JSON text in a JSON string is mostly escapes). For payloads kept
        /// past the file they lie in that may never be read, such as the outputs of thousands of Map iterations
        /// that only a GoTo copy replays.
        /// </summary>
        public LazyPayload Detach() => source == null ? this : Deferred(source.Detach(start, length), 0, length);
    }
}
