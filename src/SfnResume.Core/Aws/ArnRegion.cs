using System.Text.RegularExpressions;

namespace SfnResume.Aws
{
    /// <summary>The region an ARN names (<c>arn:aws:states:eu-west-1:...</c>): where the resource lives and must be called.</summary>
    public static class ArnRegion
    {
        private static readonly Regex Pattern = new Regex(@"^arn:aws[a-z-]*:states:([a-z]{2}(-[a-z]+)+-\d+):", RegexOptions.CultureInvariant);

        /// <summary>The region, or null when the value is not a Step Functions ARN with one.</summary>
        public static string? Of(string? arn)
        {
            var match = arn == null ? null : Pattern.Match(arn);
            return match != null && match.Success ? match.Groups[1].Value : null;
        }
    }
}
