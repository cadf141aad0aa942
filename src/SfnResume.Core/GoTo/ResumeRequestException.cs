using System;

namespace SfnResume.GoTo
{
    /// <summary>A resume that cannot be prepared as asked, with what to do instead.</summary>
    public sealed class ResumeRequestException : Exception
    {
        public ResumeRequestException(ResumeProblem problem, string message, string suggestion, Exception? inner = null)
            : base(message, inner)
        {
            Problem = problem;
            Suggestion = suggestion;
        }

        public ResumeProblem Problem { get; }

        /// <summary>What the user can do about it, in the terms of the cmdlet's parameters.</summary>
        public string Suggestion { get; }
    }
}
