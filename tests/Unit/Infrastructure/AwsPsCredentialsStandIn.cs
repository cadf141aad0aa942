using Amazon.Runtime;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// Shaped as AWS.Tools.Common's Amazon.PowerShell.Common.AWSPSCredentials, which Set-AWSCredential stores in
    /// $StoredAWSCredentials: its Credentials property is internal, in every version of AWS.Tools.
    /// </summary>
    public sealed class AwsPsCredentialsStandIn
    {
        public AwsPsCredentialsStandIn(AWSCredentials credentials, string name)
        {
            Credentials = credentials;
            Name = name;
        }

        /// <summary>The profile name the shell's credentials came from, public as in AWS.Tools.</summary>
        public string Name { get; }

        internal AWSCredentials Credentials { get; }
    }
}
