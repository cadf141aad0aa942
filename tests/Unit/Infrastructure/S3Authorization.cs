using System;
using System.Collections.Generic;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// What AWS authorizes for each S3 request SfnResume makes (path-style, <c>/bucket/key</c>), written from AWS's
    /// documents and not from SfnResume's permission catalog:
    /// <list type="bullet">
    /// <item>Service Authorization Reference for Amazon S3: GetObject, and HeadObject with it, is <c>s3:GetObject</c>
    /// on the object (<c>arn:aws:s3:::&lt;bucket&gt;/&lt;key&gt;</c>); PutObject is <c>s3:PutObject</c> on the object.</item>
    /// <item>S3 user guide (GetObject, HeadObject): a key that is not there is 404 only to a caller with
    /// <c>s3:ListBucket</c> on the bucket (<c>arn:aws:s3:::&lt;bucket&gt;</c>); to any other, 403 AccessDenied.</item>
    /// <item>"Access denied error messages" (S3 user guide): a refusal in the same account names the caller, the
    /// action and the resource: <c>User: ... is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::b/k"
    /// because no identity-based policy allows the s3:GetObject action</c>, in S3's XML error; a HEAD's answer has no body.</item>
    /// </list>
    /// </summary>
    public static class S3Authorization
    {
        /// <summary>Whether the request is S3's: the endpoint serves Step Functions and CloudWatch Logs too, which name their operation in X-Amz-Target.</summary>
        public static bool IsS3(RecordedRequest request) => !request.Headers.ContainsKey("X-Amz-Target");

        /// <summary>The checks of one request.</summary>
        public static IReadOnlyList<AuthorizationCheck> For(RecordedRequest request)
        {
            var (bucket, key) = ObjectOf(request);
            var resource = $"arn:aws:s3:::{bucket}/{key}";
            return request.Method switch
            {
                "GET" or "HEAD" => new[] { new AuthorizationCheck("s3:GetObject", resource, errorCode: "AccessDenied") },
                "PUT" => new[] { new AuthorizationCheck("s3:PutObject", resource, errorCode: "AccessDenied") },
                _ => throw new NotSupportedException($"No authorization rule for S3's {request.Method} {request.Path}: add one before a test depends on it."),
            };
        }

        /// <summary>What a key that is not there takes to be answered 404: listing its bucket.</summary>
        public static AuthorizationCheck ListBucketOf(RecordedRequest request) => new AuthorizationCheck("s3:ListBucket", "arn:aws:s3:::" + ObjectOf(request).Bucket, errorCode: "AccessDenied");

        /// <summary>S3's refusal: 403, AccessDenied in its XML error with the message naming the action (none for a HEAD, whose answer has no body).</summary>
        public static LoopbackResponse Refusal(RecordedRequest request, AuthorizationCheck check, string caller)
        {
            if (request.Method == "HEAD")
            {
                return new LoopbackResponse(403, string.Empty);
            }

            var message = check.Action == "s3:ListBucket"
                ? "Access Denied"
                : $"User: {caller} is not authorized to perform: {check.Action} on resource: \"{check.Resource}\" because no identity-based policy allows the {check.Action} action";
            return new LoopbackResponse(403, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>" + System.Security.SecurityElement.Escape(message) + "</Message><RequestId>5C1A9D2E7B3F4A60</RequestId></Error>") { ContentType = "application/xml" };
        }

        private static (string Bucket, string Key) ObjectOf(RecordedRequest request)
        {
            var path = request.Path;
            var query = path.IndexOf('?', StringComparison.Ordinal);
            path = Uri.UnescapeDataString(query < 0 ? path : path.Substring(0, query)).TrimStart('/');
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 ? (path, string.Empty) : (path.Substring(0, slash), path.Substring(slash + 1));
        }
    }
}
