namespace SfnResume.Aws
{
    /// <summary>Reading state machine ARNs: <c>arn:partition:states:region:account:stateMachine:name[:version or alias]</c>.</summary>
    public static class StateMachineArns
    {
        /// <summary>The state machine itself, without a version or alias qualifier.</summary>
        public static string Unqualified(string stateMachineArn)
        {
            var parts = stateMachineArn.Split(':');
            return parts.Length > 7 ? string.Join(":", parts, 0, 7) : stateMachineArn;
        }

        /// <summary>The state machine's name (its seventh field).</summary>
        public static string NameOf(string stateMachineArn)
        {
            var parts = stateMachineArn.Split(':');
            return parts.Length >= 7 ? parts[6] : stateMachineArn;
        }

        /// <summary>Whether the text has the shape of a state machine ARN (a version or alias qualifier allowed).</summary>
        public static bool IsValid(string? stateMachineArn)
        {
            if (string.IsNullOrEmpty(stateMachineArn))
            {
                return false;
            }

            var parts = stateMachineArn!.Split(':');
            return (parts.Length == 7 || parts.Length == 8) && parts[0] == "arn" && parts[1].Length > 0 && parts[2] == "states"
                && parts[3].Length > 0 && parts[5] == "stateMachine" && parts[6].Length > 0 && (parts.Length == 7 || parts[7].Length > 0);
        }

        /// <summary>Whether the ARN names a version or an alias (<c>...:stateMachine:name:qualifier</c>) rather than the machine.</summary>
        public static bool IsQualified(string stateMachineArn) => stateMachineArn.Split(':').Length > 7;
    }
}
