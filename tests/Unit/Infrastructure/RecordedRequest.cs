using System;
using System.Collections.Generic;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>One request as the loopback endpoint received it.</summary>
    public sealed class RecordedRequest
    {
        public RecordedRequest(string method, string path, IReadOnlyDictionary<string, string> headers, string body, TimeSpan receivedAt)
        {
            ReceivedAt = receivedAt;
            Method = method;
            Path = path;
            Headers = headers;
            Body = body;
        }

        /// <summary>When the request arrived, measured from the endpoint's start.</summary>
        public TimeSpan ReceivedAt { get; }

        public string Method { get; }

        public string Path { get; }

        public IReadOnlyDictionary<string, string> Headers { get; }

        public string Body { get; }

        /// <summary>The operation from <c>X-Amz-Target</c>, without the <c>AWSStepFunctions.</c> prefix.</summary>
        public string Operation => Headers.TryGetValue("X-Amz-Target", out var target) ? target.Substring(target.IndexOf('.') + 1) : string.Empty;
    }
}
