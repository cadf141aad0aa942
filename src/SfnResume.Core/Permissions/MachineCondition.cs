namespace SfnResume.Permissions
{
    /// <summary>Which state machines a permission is needed for: every one, or only those with a setting the copy keeps.</summary>
    public enum MachineCondition
    {
        Always,

        /// <summary>The state machine logs to CloudWatch Logs (a level other than OFF, with a log group).</summary>
        Logs,

        /// <summary>The state machine's data is encrypted with a customer managed KMS key.</summary>
        CustomerManagedKey,
    }
}
