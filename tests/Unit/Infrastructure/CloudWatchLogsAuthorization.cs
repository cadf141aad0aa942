using System;
using System.Collections.Generic;
using System.Text.Json;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// What AWS authorizes for each CloudWatch Logs request SfnResume makes, written from AWS's documents and its
    /// refusals, not from SfnResume's permission catalog:
    /// <list type="bullet">
    /// <item>Service Authorization Reference for CloudWatch Logs: FilterLogEvents and StartQuery take the log group
    /// (<c>log-group*</c>); GetQueryResults and DescribeLogGroups take no resource.</item>
    /// <item>The resource AWS names when it refuses: <c>arn:aws:logs:&lt;region&gt;:&lt;account&gt;:log-group:&lt;name&gt;:log-stream:</c>
    /// for FilterLogEvents (no stream named), <c>...:log-group:&lt;name&gt;:*</c> for StartQuery, and
    /// <c>...:log-group::log-stream:</c> for DescribeLogGroups, which a policy naming one log group does not match.</item>
    /// </list>
    /// </summary>
    public static class CloudWatchLogsAuthorization
    {
        /// <summary>The <c>X-Amz-Target</c> prefix of CloudWatch Logs requests (AWS JSON 1.1).</summary>
        public const string TargetPrefix = "Logs_20140328.";

        private const string Account = "arn:aws:logs:eu-west-1:123456789012";

        /// <summary>Whether the request is CloudWatch Logs' (the endpoint serves Step Functions too).</summary>
        public static bool IsLogs(RecordedRequest request)
            => request.Headers.TryGetValue("X-Amz-Target", out var target) && target.StartsWith(TargetPrefix, StringComparison.Ordinal);

        /// <summary>The checks of one request.</summary>
        public static IReadOnlyList<AuthorizationCheck> For(RecordedRequest request)
        {
            using var body = JsonDocument.Parse(string.IsNullOrEmpty(request.Body) ? "{}" : request.Body);
            var root = body.RootElement;
            string Member(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
            var action = "logs:" + request.Operation;
            return request.Operation switch
            {
                "FilterLogEvents" => new[] { new AuthorizationCheck(action, $"{Account}:log-group:{Member("logGroupName")}:log-stream:") },
                "StartQuery" => new[] { new AuthorizationCheck(action, $"{Account}:log-group:{Member("logGroupName")}:*") },
                "GetQueryResults" => new[] { new AuthorizationCheck(action, "*") },
                "DescribeLogGroups" => new[] { new AuthorizationCheck(action, $"{Account}:log-group::log-stream:") },
                _ => throw new NotSupportedException($"No authorization rule for logs:{request.Operation}: add one before a test depends on it."),
            };
        }
    }
}
