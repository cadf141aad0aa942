namespace SfnResume.Permissions
{
    /// <summary>The IAM condition a permission carries, narrowing it further than its resource.</summary>
    public enum GrantCondition
    {
        None,

        /// <summary><c>iam:PassedToService</c> is <c>states.amazonaws.com</c>: the role may be passed to Step Functions only.</summary>
        PassedToStepFunctions,

        /// <summary>
        /// The key is used through Step Functions (<c>kms:ViaService</c>) for this state machine's and its copy's
        /// data (the encryption context <c>aws:states:stateMachineArn</c>).
        /// </summary>
        KeyUsedForTheseMachines,
    }
}
