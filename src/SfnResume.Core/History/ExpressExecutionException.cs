using System;

namespace SfnResume.History
{
    /// <summary>An Express execution: Step Functions keeps no history for it, so there is nothing to read.</summary>
    [Serializable]
    public sealed class ExpressExecutionException : Exception
    {
        public ExpressExecutionException(string message)
            : base(message)
        {
        }
    }
}
