using System;
using System.Security.Cryptography;
using System.Text;

namespace SfnResume.GoTo
{
    /// <summary>Names and ARNs of GoTo copies: <c>&lt;original&gt;-goto</c>, cut to 80 characters with a short hash when needed.</summary>
    public static class GoToCopyNames
    {
        public const string Suffix = "-goto";
        public const int MaxName = 80;

        public static string NameFor(string originalName)
        {
            if (originalName.Length + Suffix.Length <= MaxName)
            {
                return originalName + Suffix;
            }

            // Keep the names of two long originals with a common prefix apart.
            var hash = Hex(originalName).Substring(0, 6);
            return originalName.Substring(0, MaxName - Suffix.Length - hash.Length - 1) + "-" + hash + Suffix;
        }

        /// <summary>The copy's ARN next to the original's: same partition, region and account.</summary>
        public static string ArnFor(string sourceStateMachineArn)
        {
            var marker = ":stateMachine:";
            var at = sourceStateMachineArn.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new ArgumentException($"'{sourceStateMachineArn}' is not a state machine ARN.", nameof(sourceStateMachineArn));
            }

            var name = sourceStateMachineArn.Substring(at + marker.Length).Split(':')[0];
            return sourceStateMachineArn.Substring(0, at + marker.Length) + NameFor(name);
        }

        public static string Hex(string text)
        {
            using var sha = SHA256.Create();
            var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
            var builder = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
            {
                builder.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }
    }
}
