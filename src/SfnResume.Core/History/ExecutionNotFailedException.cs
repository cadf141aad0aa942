using System;

namespace SfnResume.History
{
    /// <summary>The execution did not fail, time out or abort (it is running, or it succeeded).</summary>
    [Serializable]
    public sealed class ExecutionNotFailedException : Exception
    {
        public ExecutionNotFailedException(string status, string message)
            : base(message)
        {
            Status = status;
        }

        public string Status { get; }
    }
}
