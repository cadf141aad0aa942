using System;
using System.Globalization;
using System.Linq;
using SfnResume.Aws;
using SfnResume.GoTo;

namespace SfnResume.Redrive
{
    /// <summary>
    /// The name of a GoTo resume, derived from what it resumes: <c>&lt;failed execution's name, cut&gt;-r&lt;attempt&gt;-&lt;hash&gt;</c>,
    /// where the hash is of the failed execution's ARN and the attempt counts resumes (the failed execution is
    /// attempt 0; a resumed run that failed again is resumed as the next attempt). The same resume always gets
    /// the same name, so AWS recognises a second StartExecution of it (Standard names are unique for 90 days):
    /// the same name and input while it runs answer with the run, otherwise ExecutionAlreadyExists.
    /// </summary>
    public static class ResumedRunNames
    {
        public const int MaxLength = 80;

        /// <summary>Hex digits of the ARN's SHA-256 in the name: two executions whose names are cut alike stay apart.</summary>
        public const int HashLength = 8;

        /// <summary>
        /// The run that resumes <paramref name="failedExecutionArn"/> for the <paramref name="attempt"/>th time.
        /// Only <c>[0-9A-Za-z_-]</c> (what CloudWatch Logs logging accepts): any other character of the name becomes <c>_</c>.
        /// </summary>
        public static string For(string failedExecutionArn, int attempt)
        {
            if (attempt < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(attempt), attempt, "The failed execution itself is attempt 0; its resumes count from 1.");
            }

            var suffix = "-r" + attempt.ToString(CultureInfo.InvariantCulture) + "-" + GoToCopyNames.Hex(failedExecutionArn).Substring(0, HashLength);
            var name = new string(ExecutionArns.NameOf(failedExecutionArn).Select(c => IsSafe(c) ? c : '_').ToArray());
            if (name.Length + suffix.Length > MaxLength)
            {
                name = name.Substring(0, MaxLength - suffix.Length);
            }

            var runName = name + suffix;
            var problem = Problem(runName);
            if (problem != null)
            {
                throw new ArgumentException($"The resume of '{failedExecutionArn}' would be named '{runName}', which AWS refuses: {problem}", nameof(failedExecutionArn));
            }

            return runName;
        }

        /// <summary>
        /// Why AWS would refuse <paramref name="name"/> as an execution name (1 to 80 characters, no whitespace,
        /// none of <c>&lt; &gt; { } [ ] ? * " # % \ ^ | ~ ` $ &amp; , ; : /</c>, no control characters); null when it would not.
        /// </summary>
        public static string? Problem(string? name)
        {
            if (string.IsNullOrEmpty(name) || name!.Length > MaxLength)
            {
                return $"an execution name has 1 to {MaxLength} characters.";
            }

            var bad = name.FirstOrDefault(c => char.IsWhiteSpace(c) || char.IsControl(c) || "<>{}[]?*\"#%\\^|~`$&,;:/".IndexOf(c) >= 0);
            return bad == default(char) ? null : $"'{bad}' (U+{(int)bad:X4}) is not allowed in an execution name.";
        }

        private static bool IsSafe(char c) => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-';
    }
}
