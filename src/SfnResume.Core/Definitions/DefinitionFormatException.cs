using System;

namespace SfnResume.Definitions
{
    /// <summary>A definition that cannot be read as Amazon States Language.</summary>
    [Serializable]
    public sealed class DefinitionFormatException : Exception
    {
        public DefinitionFormatException(string message, Exception? innerException = null)
            : base(message, innerException)
        {
        }

        /// <summary>The text is an execution's history ({"events": [...]} or an array of events), given where a definition belongs.</summary>
        public bool HoldsHistory { get; private set; }

        internal static DefinitionFormatException History() =>
            new DefinitionFormatException("The text holds an execution's history (events), not a state machine definition.") { HoldsHistory = true };

        /// <summary>
        /// Whether <paramref name="exception"/> is System.Text.Json's word for text that is not valid Unicode,
        /// such as an unpaired surrogate "\ud800", met while a definition is read or written.
        /// </summary>
        internal static bool IsInvalidUnicode(Exception exception) => exception is InvalidOperationException || exception is ArgumentException;

        internal static DefinitionFormatException InvalidUnicode(Exception exception) =>
            new DefinitionFormatException("The definition holds text that is not valid Unicode (an unpaired surrogate?): " + exception.Message, exception);
    }
}
