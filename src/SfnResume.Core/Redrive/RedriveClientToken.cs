using System.Globalization;
using SfnResume.GoTo;

namespace SfnResume.Redrive
{
    /// <summary>
    /// The clientToken for RedriveExecution. It is derived from the execution and the redrive count it had when
    /// planned, so every retry of the same redrive (by the SDK, by SfnResume, by the operator re-running a
    /// script within AWS's 15-minute idempotency window) carries the same token and AWS redrives once; the
    /// next redrive of the same execution, after its count went up, gets a new one.
    /// </summary>
    public static class RedriveClientToken
    {
        private const string Prefix = "sfnresume-";

        /// <summary>64 printable ASCII characters at most, as the API requires.</summary>
        public static string For(string executionArn, int redriveCount)
        {
            var hash = GoToCopyNames.Hex(executionArn + "#" + redriveCount.ToString(CultureInfo.InvariantCulture));
            return Prefix + hash.Substring(0, 64 - Prefix.Length);
        }
    }
}
