using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace SfnResume.PowerShell.Completers
{
    /// <summary>
    /// Turns candidates into what Tab shows: those matching the word typed so far (a WildcardPattern, so
    /// 'ord*fail' works too), quoted when PowerShell would otherwise split or expand them.
    /// </summary>
    internal static class CompletionResults
    {
        private static readonly char[] NeedQuotes = { ' ', '\t', '\'', '"', '$', '`', ';', '(', ')', '{', '}', '@', '#', ',', '&', '|', '<', '>' };

        /// <param name="wordToComplete">As typed, perhaps with an opening quote.</param>
        /// <param name="candidates">The value to insert, and other texts it may be found by (a name for an ARN).</param>
        public static IEnumerable<CompletionResult> Matching(string? wordToComplete, IEnumerable<CompletionCandidate> candidates)
        {
            var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = new WildcardPattern(word + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            // 'Ord' finds arn:...:stateMachine:Orders too: an ARN is matched on its last part as well.
            var anywhere = new WildcardPattern("*" + word + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return candidates
                .Where(c => pattern.IsMatch(c.Value) || c.AlsoKnownAs.Any(a => pattern.IsMatch(a)) || (word.Length > 0 && c.AlsoKnownAs.Any(a => anywhere.IsMatch(a))))
                .Select(c => new CompletionResult(Quote(c.Value), c.ListItem, CompletionResultType.ParameterValue, c.ToolTip));
        }

        public static string Quote(string value)
        {
            return value.IndexOfAny(NeedQuotes) < 0 && value.Length > 0 ? value : "'" + value.Replace("'", "''") + "'";
        }
    }
}
