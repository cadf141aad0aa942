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

        /// <summary>The file is a state machine definition (it has StartAt and States), given where a history belongs.</summary>
        public bool HoldsDefinition { get; private set; }

        internal static HistoryFormatException Definition() =>
            new HistoryFormatException("The file holds a state machine definition (StartAt and States), not an execution's history.") { HoldsDefinition = true };
    }
}
