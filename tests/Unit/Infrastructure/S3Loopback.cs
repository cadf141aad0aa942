using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// Objects in memory served the way S3 answers path-style requests (<c>/bucket/key</c>) on 127.0.0.1:
    /// GET, HEAD (404 with no body when missing) and PUT. Enough for AWSSDK.S3's GetObject,
    /// GetObjectMetadata and PutObject; every request is recorded.
    /// </summary>
    public sealed class S3Loopback : IDisposable
    {
        private readonly ConcurrentDictionary<string, string> objects = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        private readonly ConcurrentQueue<RecordedRequest> answered = new ConcurrentQueue<RecordedRequest>();
        private readonly LoopbackEndpoint? endpoint;

        /// <param name="listen">False: no endpoint of its own; another loopback hands it the S3 requests (<see cref="Handle"/>), as an emulator serves S3 and Step Functions on one address.</param>
        public S3Loopback(bool listen = true)
        {
            endpoint = listen ? new LoopbackEndpoint(Handle) : null;
        }

        public string Url => endpoint?.Url ?? throw new InvalidOperationException("This S3 loopback answers through another endpoint.");

        /// <summary>Every S3 request answered, in order.</summary>
        public IReadOnlyList<RecordedRequest> Requests => answered.ToArray();

        public int Count(string method) => answered.Count(r => r.Method == method);

        public void Put(string bucket, string key, string content) => objects[$"/{bucket}/{key}"] = content;

        public string? Get(string bucket, string key) => objects.TryGetValue($"/{bucket}/{key}", out var content) ? content : null;

        /// <summary>The keys under a bucket, in no order.</summary>
        public IReadOnlyList<string> Keys(string bucket) => objects.Keys.Where(k => k.StartsWith($"/{bucket}/", StringComparison.Ordinal)).Select(k => k.Substring(bucket.Length + 2)).ToList();

        public void Dispose() => endpoint?.Dispose();

        /// <summary>An S3 request (path-style): recorded and answered.</summary>
        public LoopbackResponse Handle(RecordedRequest request)
        {
            answered.Enqueue(request);
            return Answer(request);
        }

        private LoopbackResponse Answer(RecordedRequest request)
        {
            var path = Uri.UnescapeDataString(request.Path);
            switch (request.Method)
            {
                case "PUT":
                    objects[path] = request.Body;
                    return new LoopbackResponse(200, string.Empty);
                case "HEAD":
                    return new LoopbackResponse(objects.ContainsKey(path) ? 200 : 404, string.Empty);
                case "GET":
                    return objects.TryGetValue(path, out var content)
                        ? new LoopbackResponse(200, content)
                        : new LoopbackResponse(404, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>" + path + "</Key><RequestId>4442587FB7D0A2F9</RequestId></Error>");
                default:
                    return new LoopbackResponse(405, string.Empty);
            }
        }
    }
}
