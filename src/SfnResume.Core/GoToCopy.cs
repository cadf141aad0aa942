using System;

namespace SfnResume
{
    /// <summary>
    /// A GoTo copy SfnResume made, as Get-SfnGoToStateMachine finds it (by its sfnresume tags) and
    /// Remove-SfnGoToStateMachine reports it. <see cref="StateMachineArn"/> binds by name into
    /// Remove-SfnGoToStateMachine and AWS.Tools (Get-SFNExecutionList, Get-SFNStateMachine).
    /// </summary>
    public sealed class GoToCopy
    {
        /// <summary>
        /// The copy's name, <c>&lt;original&gt;-goto</c>. Not "Name": Start-SFNExecution and Start-SfnGoToExecution
        /// bind that by property name as the name of the run to start.
        /// </summary>
        public string StateMachineName { get; set; } = string.Empty;

        /// <summary>The copy's ARN.</summary>
        public string StateMachineArn { get; set; } = string.Empty;

        /// <summary>The state machine it is a copy of (its sfnresume:source tag).</summary>
        public string SourceStateMachineArn { get; set; } = string.Empty;

        /// <summary>
        /// The SHA-256 (hex) of the original definition the copy was made from (its sfnresume:definition-sha256
        /// tag); null when the tag is missing.
        /// </summary>
        public string? DefinitionSha256 { get; set; }

        /// <summary>STANDARD or EXPRESS, as the source's.</summary>
        public string Type { get; set; } = string.Empty;

        /// <summary>When the copy was created, in UTC.</summary>
        public DateTime CreationDate { get; set; }

        /// <summary>When its newest execution started, in UTC; null when it never ran, or when that cannot be told (Express).</summary>
        public DateTime? LastStartDate { get; set; }

        /// <summary>How many of its executions are running; null when Step Functions cannot say (Express).</summary>
        public int? RunningExecutions { get; set; }

        /// <summary>
        /// Idle (no running execution), Running, Unknown (its executions cannot be listed, see <see cref="Note"/>),
        /// Deleting (AWS is deleting it), or Deleted (Remove-SfnGoToStateMachine deleted it). See <see cref="Copies.GoToCopyStatus"/>.
        /// </summary>
        public string Status { get; set; } = string.Empty;

        /// <summary>What the other properties cannot say: why the executions are unknown, what a removal leaves running.</summary>
        public string? Note { get; set; }

        public override string ToString() => StateMachineArn;
    }
}
