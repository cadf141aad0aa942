namespace SfnResume.Express
{
    /// <summary>Parts of Express execution ARNs: <c>arn:partition:states:region:account:express:machine:name:id</c>.</summary>
    public static class ExpressArns
    {
        /// <summary>The state machine the Express execution ran on (<c>...:stateMachine:machine</c>); null when it is not an Express execution ARN.</summary>
        public static string? StateMachineOf(string executionArn)
        {
            var parts = executionArn.Split(':');
            if (parts.Length < 8 || parts[0] != "arn" || parts[2] != "states" || parts[5] != "express")
            {
                return null;
            }

            return string.Join(":", parts, 0, 5) + ":stateMachine:" + parts[6];
        }
    }
}
