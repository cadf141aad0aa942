using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// A Step Functions, CloudWatch Logs and S3 endpoint behind IAM (Express executions are read from their logs, and a Distributed Map's items from S3 (path-style), through the same endpoint): each request is checked against one identity policy, as
    /// <see cref="StepFunctionsAuthorization"/>, <see cref="CloudWatchLogsAuthorization"/> and <see cref="S3Authorization"/> say AWS checks it, and refused as AWS refuses it, in AWS's words:
    /// AccessDeniedException ("User: ... is not authorized to perform: states:X on resource: Y because no
    /// identity-based policy allows the states:X action"), or KmsAccessDeniedException for the key Step Functions
    /// uses for the caller. What is allowed goes on to the handler behind.
    /// </summary>
    public sealed class IamLoopback
    {
        /// <summary>Who calls: an operator's role session, as AWS names the principal in its refusals.</summary>
        public const string Caller = "arn:aws:sts::123456789012:assumed-role/sfnresume-operator/runbook";

        private readonly Func<RecordedRequest, LoopbackResponse> inner;
        private readonly IamPolicy policy;
        private readonly ConcurrentDictionary<string, string> keys;
        private readonly ConcurrentQueue<AuthorizationCheck> denied = new ConcurrentQueue<AuthorizationCheck>();
        private readonly ConcurrentQueue<AuthorizationCheck> allowed = new ConcurrentQueue<AuthorizationCheck>();

        /// <param name="keys">The customer managed key of each state machine that has one (unqualified ARN); copies created with one are added.</param>
        public IamLoopback(Func<RecordedRequest, LoopbackResponse> inner, string policyDocument, IReadOnlyDictionary<string, string> keys)
        {
            this.inner = inner;
            policy = IamPolicy.Parse(policyDocument);
            this.keys = new ConcurrentDictionary<string, string>(keys, StringComparer.Ordinal);
        }

        /// <summary>The checks that were refused, in the order they were.</summary>
        public IReadOnlyList<AuthorizationCheck> Denied => denied.ToList();

        /// <summary>The checks that were allowed.</summary>
        public IReadOnlyList<AuthorizationCheck> Allowed => allowed.ToList();

        public LoopbackResponse Handle(RecordedRequest request)
        {
            if (S3Authorization.IsS3(request))
            {
                return HandleS3(request);
            }

            var logs = CloudWatchLogsAuthorization.IsLogs(request);
            var checks = logs ? CloudWatchLogsAuthorization.For(request) : StepFunctionsAuthorization.For(request, machine => keys.TryGetValue(machine, out var key) ? key : null);
            foreach (var check in checks)
            {
                if (!policy.Allows(check.Action, check.Resource, check.Context))
                {
                    denied.Enqueue(check);
                    return logs ? LogsRefusal(check) : Refusal(check);
                }

                allowed.Enqueue(check);
            }

            var answer = inner(request);
            if (request.Operation == "CreateStateMachine" && answer.StatusCode == 200)
            {
                using var body = JsonDocument.Parse(request.Body);
                if (StepFunctionsAuthorization.CustomerManagedKey(body.RootElement) is { } key)
                {
                    keys[RedriveServer.MachineArn(body.RootElement.GetProperty("name").GetString()!)] = key;
                }
            }

            return answer;
        }

        /// <summary>
        /// An S3 request: refused as S3 refuses (403, AccessDenied) when the policy does not allow it, and a key that
        /// is not there answered 403 too unless the policy allows listing its bucket, as S3 answers it.
        /// </summary>
        private LoopbackResponse HandleS3(RecordedRequest request)
        {
            foreach (var check in S3Authorization.For(request))
            {
                if (!policy.Allows(check.Action, check.Resource, check.Context))
                {
                    denied.Enqueue(check);
                    return S3Authorization.Refusal(request, check, Caller);
                }

                allowed.Enqueue(check);
            }

            var answer = inner(request);
            var list = S3Authorization.ListBucketOf(request);
            if (answer.StatusCode == 404 && !policy.Allows(list.Action, list.Resource, list.Context))
            {
                denied.Enqueue(list);
                return S3Authorization.Refusal(request, list, Caller);
            }

            return answer;
        }

        /// <summary>CloudWatch Logs' refusal of <paramref name="check"/>: 400, AccessDeniedException, in the same words as Step Functions'.</summary>
        public static LoopbackResponse LogsRefusal(AuthorizationCheck check)
        {
            var message = $"User: {Caller} is not authorized to perform: {check.Action} on resource: {check.Resource} because no identity-based policy allows the {check.Action} action";
            return new LoopbackResponse(400, JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = "AccessDeniedException", ["message"] = message }));
        }

        /// <summary>AWS's refusal of <paramref name="check"/>: 400, the error code, and the message that names the action.</summary>
        public static LoopbackResponse Refusal(AuthorizationCheck check)
        {
            var message = $"User: {Caller} is not authorized to perform: {check.Action} on resource: {check.Resource} because no identity-based policy allows the {check.Action} action";
            var type = check.ErrorCode == "AccessDeniedException" ? "com.amazon.coral.service#AccessDeniedException" : "com.amazonaws.swf.service.v2.model#" + check.ErrorCode;
            var body = new Dictionary<string, string> { ["__type"] = type, [check.ErrorCode == "AccessDeniedException" ? "Message" : "message"] = message };
            return new LoopbackResponse(400, JsonSerializer.Serialize(body));
        }
    }
}
