using System;

namespace SfnResume.History
{
    /// <summary>A saved history that cannot be read.</summary>
    [Serializable]
    public sealed class HistoryFormatException : Exception
    {
        public HistoryFormatException(string message, Exception? innerException = null)
            : base(message, innerException)
        {
        }
    }
}
