using System.Management.Automation;
using Amazon.Runtime;

namespace SfnResume.PowerShell.Internal
{
    /// <summary>
    /// The shell defaults AWS.Tools.Common keeps: <c>Set-AWSCredential</c> stores <c>$StoredAWSCredentials</c>
    /// (an object whose <c>Credentials</c> property is the SDK credentials) and <c>Set-DefaultAWSRegion</c>
    /// stores <c>$StoredAWSRegion</c> (the region name). Read them if present; SfnResume never writes them.
    /// </summary>
    internal static class ShellDefaults
    {
        public const string CredentialsVariable = "StoredAWSCredentials";
        public const string RegionVariable = "StoredAWSRegion";

        public static AWSCredentials? Credentials(PSVariableIntrinsics variables)
        {
            var value = variables.GetValue(CredentialsVariable);
            if (Unwrap(value) is AWSCredentials direct)
            {
                return direct;
            }

            // Look the property up on the value as stored: unwrapping first would lose note properties.
            return value == null ? null : Unwrap(PSObject.AsPSObject(value).Properties["Credentials"]?.Value) as AWSCredentials;
        }

        public static string? Region(PSVariableIntrinsics variables)
        {
            var value = Unwrap(variables.GetValue(RegionVariable));
            var text = value?.ToString();
            return string.IsNullOrWhiteSpace(text) ? null : text;
        }

        private static object? Unwrap(object? value)
        {
            return value is PSObject wrapped ? wrapped.BaseObject : value;
        }
    }
}
