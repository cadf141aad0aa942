namespace SfnResume.Permissions
{
    /// <summary>
    /// What a permission is granted on, narrowed to one state machine: the names stand for ARNs that
    /// <see cref="MachineSettings"/> writes out (<c>arn:aws:states:eu-west-1:123456789012:stateMachine:Orders</c>...).
    /// </summary>
    public enum PermissionResource
    {
        /// <summary>The state machine: <c>arn:&lt;partition&gt;:states:&lt;region&gt;:&lt;account&gt;:stateMachine:&lt;name&gt;</c>.</summary>
        Machine,

        /// <summary>Its published versions and aliases: <c>...:stateMachine:&lt;name&gt;:*</c>.</summary>
        MachineVersions,

        /// <summary>Its executions: <c>...:execution:&lt;name&gt;:*</c>.</summary>
        Executions,

        /// <summary>Its GoTo copy: <c>...:stateMachine:&lt;name&gt;-goto</c>.</summary>
        Copy,

        /// <summary>The runs of the copy: <c>...:execution:&lt;name&gt;-goto:*</c>.</summary>
        CopyExecutions,

        /// <summary>The runs of its Distributed Maps: <c>...:mapRun:&lt;name&gt;/*</c> (<c>mapRun:&lt;name&gt;/&lt;label&gt;:&lt;id&gt;</c>).</summary>
        MapRuns,

        /// <summary>The child executions of those runs: <c>...:execution:&lt;name&gt;/*</c> (<c>execution:&lt;name&gt;/&lt;label&gt;:&lt;id&gt;</c>).</summary>
        MapRunChildren,

        /// <summary>
        /// The object a Distributed Map reads its items from: <c>arn:aws:s3:::&lt;bucket&gt;/&lt;key&gt;</c> as its ItemReader
        /// names them, a <c>*</c> for what the definition reads from the input (or does not say).
        /// </summary>
        ItemSource,

        /// <summary>
        /// The files of items to re-run a precise GoTo resume writes: <c>arn:aws:s3:::&lt;bucket&gt;/sfnresume/items/*</c>, in the
        /// bucket the ItemReader names, or <c>*</c> for the one given with -ItemBucket.
        /// </summary>
        ItemFiles,

        /// <summary>The state machine's role, which the copy is given.</summary>
        Role,

        /// <summary>The customer managed KMS key the state machine's data is encrypted with.</summary>
        MachineKey,

        /// <summary>
        /// The log group the state machine logs to: <c>arn:&lt;partition&gt;:logs:&lt;region&gt;:&lt;account&gt;:log-group:&lt;name&gt;:*</c>
        /// (the trailing <c>:*</c> covers the group's streams, which AWS names for FilterLogEvents).
        /// </summary>
        LogGroup,

        /// <summary><c>*</c>: actions that take no resource (TestState, the CloudWatch Logs delivery actions).</summary>
        Everything,
    }
}
