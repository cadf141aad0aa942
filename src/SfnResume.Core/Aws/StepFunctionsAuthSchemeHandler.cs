using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace SfnResume.Aws
{
    /// <summary>Every Step Functions operation is signed with SigV4 (signing name <c>states</c>).</summary>
    internal sealed class StepFunctionsAuthSchemeHandler : BaseAuthResolverHandler
    {
        protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext)
        {
            return AuthSchemeOption.DEFAULT_SIGV4;
        }
    }
}
