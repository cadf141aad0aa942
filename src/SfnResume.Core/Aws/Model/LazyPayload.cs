namespace SfnResume.Aws.Model
{
    /// <summary>
    /// A payload string (an input, output, parameters or cause) that may still be bytes of a saved history,
    /// decoded the first time it is read: most payloads of a long history are never looked at.
    /// </summary>
    internal struct LazyPayload
    {
        private string? text;
        private IEventBytes? source;
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
        public static LazyPayload Deferred(IEventBytes source, long start, int length)
            => new LazyPayload { source = source, start = start, length = length };

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
    }
}
