using System;

namespace SfnResume.Copies
{
    /// <summary>
    /// A state machine that is not listed or not removed as a GoTo copy, with the facts the error needs; the
    /// cmdlets word what to do about it.
    /// </summary>
    public sealed class GoToCopyException : Exception
    {
        public GoToCopyException(GoToCopyProblem problem, string stateMachineArn, string message, GoToCopy? copy = null)
            : base(message)
        {
            Problem = problem;
            StateMachineArn = stateMachineArn;
            Copy = copy;
        }

        public GoToCopyProblem Problem { get; }

        /// <summary>The state machine it is about.</summary>
        public string StateMachineArn { get; }

        /// <summary>The copy as it was found, when it is one (kept for its running executions).</summary>
        public GoToCopy? Copy { get; }
    }
}
