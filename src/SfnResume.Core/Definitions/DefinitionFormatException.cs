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
    }
}
