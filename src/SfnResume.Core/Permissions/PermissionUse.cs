namespace SfnResume.Permissions
{
    /// <summary>
    /// What a policy is for. Each use adds the calls its commands make; <see cref="Analysis"/> is in every
    /// policy, because every resume starts by reading the execution. A new way of working (reading Express
    /// executions from CloudWatch Logs) is one more value here and its entries in <see cref="PermissionCatalog"/>.
    /// </summary>
    public enum PermissionUse
    {
        /// <summary>Reading executions, histories and definitions: Get-SfnFailurePoint, Save-SfnExecutionHistory, Test-SfnRedrive.</summary>
        Analysis,

        /// <summary>Native redrive: Invoke-SfnRedrive's RedriveExecution.</summary>
        Redrive,

        /// <summary>The GoTo copy: New-SfnGoToStateMachine, Start-SfnGoToExecution, Invoke-SfnRedrive's GoTo path.</summary>
        GoTo,

        /// <summary>-Preflight: TestState runs the resume state on the input it would be given.</summary>
        Preflight,

        /// <summary>
        /// Resuming on a state machine deployed resume-ready: the resumed run starts on the machine itself (or on
        /// the version the execution ran), with no copy, no CreateStateMachine and no iam:PassRole.
        /// </summary>
        OnMachine,

        /// <summary>
        /// Cleaning up the GoTo copy: Get-SfnGoToStateMachine finds it (by its tags) and reads its executions,
        /// Remove-SfnGoToStateMachine deletes it.
        /// </summary>
        CleanUp,

        /// <summary>
        /// A failed Distributed Map: Get-SfnFailurePoint shows its Map Run (DescribeMapRun) and, with -MapRunChildren,
        /// lists and reads its failed children; Test-SfnRedrive and Invoke-SfnRedrive say what a redrive of the
        /// parent runs again. Only for a state machine whose definition has a Distributed Map.
        /// </summary>
        DistributedMap,

        /// <summary>
        /// Reading Express executions from the state machine's CloudWatch Logs: Get-SfnFailurePoint on an Express
        /// execution, Find-SfnExpressExecution. Step Functions keeps no history of them; their log group does.
        /// </summary>
        ExpressLogs,
    }
}
