using System;

namespace SfnResume.Aws
{
    /// <summary>The connection settings cannot work: a missing region, an unknown profile, half a key pair.</summary>
    [Serializable]
    public sealed class AwsConnectionException : Exception
    {
        public AwsConnectionException(string errorId, string message)
            : base(message)
        {
            ErrorId = errorId;
        }

        public AwsConnectionException(string errorId, string message, Exception innerException)
            : base(message, innerException)
        {
            ErrorId = errorId;
        }

        /// <summary>A stable id for the problem, e.g. <c>ProfileNotFound</c>.</summary>
        public string ErrorId { get; }
    }
}
