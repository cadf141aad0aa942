using System;

namespace SfnResume
{
    /// <summary>
    /// A run Start-SfnGoToExecution started, or found started already by the same resume (a retried pipeline).
    /// <see cref="ExecutionArn"/> binds by name into AWS.Tools (Get-SFNExecution, Stop-SFNExecution).
    /// </summary>
    public sealed class StartedExecution
    {
        public string ExecutionArn { get; set; } = string.Empty;

        /// <summary>The execution's name: the last part of its ARN.</summary>
        public string Name => Aws.ExecutionArns.NameOf(ExecutionArn);

        /// <summary>The state machine it runs on (the GoTo copy).</summary>
        public string StateMachineArn { get; set; } = string.Empty;

        /// <summary>When it started, in UTC.</summary>
        public DateTime StartDate { get; set; }

        /// <summary>RUNNING for a run just started; for one started before, its status when it was found.</summary>
        public string Status { get; set; } = "RUNNING";

        /// <summary>The run was started before by the same resume, and nothing was started now.</summary>
        public bool AlreadyStarted { get; set; }

        public override string ToString() => ExecutionArn;
    }
}
