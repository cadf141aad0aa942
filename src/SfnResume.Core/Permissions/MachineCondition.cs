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

        /// <summary>
        /// Its resumes take GoTo copies: it is not deployed resume-ready (or that is not known), or the GoTo use
        /// is asked for. A resume-ready one is resumed on itself, and nothing of a copy is read.
        /// </summary>
        ResumesTakeCopies,

        /// <summary>Its definition has a Distributed Map, whose runs and child executions are resources of their own.</summary>
        DistributedMap,

        /// <summary>
        /// Its Distributed Map reads its items from an object in S3 (an ItemReader of <c>s3:getObject</c>), or its
        /// definition is not known (offline): the precise GoTo resume reads them.
        /// </summary>
        ItemsInS3,
    }
}
