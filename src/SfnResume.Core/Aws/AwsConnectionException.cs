using System;

namespace SfnResume.Aws
{
    /// <summary>
    /// The connection settings cannot work: a missing region, an unknown profile, half a key pair. The id and
    /// the facts (the profile, the regions and where the region came from) let the caller say what to do in its
    /// own terms; the message states the facts only.
    /// </summary>
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

        /// <summary>ProfileNotFound, ProfileCredentialsInvalid: the profile.</summary>
        public string? ProfileName { get; internal set; }

        /// <summary>ProfileNotFound: the credentials file searched, when one was named.</summary>
        public string? ProfileLocation { get; internal set; }

        /// <summary>RegionMismatch: the region that would be called, and where it came from.</summary>
        public string? Region { get; internal set; }

        public ConnectionSource? RegionSource { get; internal set; }

        /// <summary>RegionMismatch: the region the ARN names.</summary>
        public string? ArnRegion { get; internal set; }

        /// <summary>InvalidEndpointUrl: the value that is no URL.</summary>
        public string? EndpointUrl { get; internal set; }
    }
}
