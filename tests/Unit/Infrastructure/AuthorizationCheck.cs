using System.Collections.Generic;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>One action AWS authorizes for a request: on which resource, with which condition keys, and the error code of a refusal.</summary>
    public sealed class AuthorizationCheck
    {
        public AuthorizationCheck(string action, string resource, IReadOnlyDictionary<string, string>? context = null, string errorCode = "AccessDeniedException")
        {
            Action = action;
            Resource = resource;
            Context = context ?? new Dictionary<string, string>();
            ErrorCode = errorCode;
        }

        public string Action { get; }

        public string Resource { get; }

        public IReadOnlyDictionary<string, string> Context { get; }

        /// <summary>AccessDeniedException, KmsAccessDeniedException for a key Step Functions uses for the caller, or S3's AccessDenied.</summary>
        public string ErrorCode { get; }

        public override string ToString() => $"{Action} on {Resource}";
    }
}
