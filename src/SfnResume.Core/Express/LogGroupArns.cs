namespace SfnResume.Express
{
    /// <summary>Log group ARNs as a state machine's logging configuration names them: <c>arn:aws:logs:region:account:log-group:NAME:*</c>.</summary>
    public static class LogGroupArns
    {
        /// <summary>The group's name; null when the text is not a log group ARN.</summary>
        public static string? NameOf(string? logGroupArn)
        {
            if (string.IsNullOrEmpty(logGroupArn))
            {
                return null;
            }

            const string marker = ":log-group:";
            var at = logGroupArn!.IndexOf(marker, System.StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            var name = logGroupArn.Substring(at + marker.Length);
            return name.EndsWith(":*", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - 2) : name;
        }
    }
}
