namespace SfnResume
{
    /// <summary>
    /// A resumable GoTo copy of a state machine, and the input that resumes it. <see cref="StateMachineArn"/>
    /// and <see cref="Input"/> bind by name into Start-SFNExecution and Start-SfnGoToExecution.
    /// </summary>
    public sealed class GoToStateMachine
    {
        /// <summary>The copy's ARN; null when the copy was only written offline.</summary>
        public string? StateMachineArn { get; set; }

        /// <summary>
        /// The copy's name. Not "Name": that is the resumed run's name, which Start-SFNExecution and
        /// Start-SfnGoToExecution bind by property name.
        /// </summary>
        public string StateMachineName { get; set; } = string.Empty;

        /// <summary>
        /// The name of the run that resumes <see cref="ExecutionArn"/>: <c>&lt;execution&gt;-r&lt;attempt&gt;-&lt;hash&gt;</c>,
        /// derived from the failed execution and the attempt, so a retried pipeline starts the resume at most
        /// once (AWS refuses a second run of the name, or answers with the run while it is running with the same
        /// input). Null without a failed execution (a copy for a state, or offline from a file).
        /// </summary>
        public string? Name { get; set; }

        /// <summary>Which resume of the execution <see cref="Name"/> is: 1 for the first, the next after a resumed run that failed again.</summary>
        public int? Attempt { get; set; }

        /// <summary>When the execution is already resumed (a run of <see cref="Name"/> is running or succeeded): that run.</summary>
        public string? ResumedExecutionArn { get; set; }

        /// <summary>That run's status when it was looked at; null when the execution is not resumed yet.</summary>
        public string? ResumedStatus { get; set; }

        public string? SourceStateMachineArn { get; set; }

        /// <summary>The failed execution this copy resumes, when it came from a failure point.</summary>
        public string? ExecutionArn { get; set; }

        /// <summary>The top-level state the copy starts at.</summary>
        public string ResumeState { get; set; } = string.Empty;

        /// <summary>For a precise resume: the state inside a Parallel branch or Map iteration that runs again first.</summary>
        public string? InnerResumeState { get; set; }

        /// <summary>
        /// Precise: nothing the failed run finished runs again (inside a Parallel or Map only what did not finish
        /// runs; a state that holds no branches simply runs again). WholeState: a Parallel or Map re-runs whole,
        /// and <see cref="PrecisionNote"/> says why.
        /// </summary>
        public string Precision { get; set; } = "WholeState";

        /// <summary>What keeps its recorded output instead of running again.</summary>
        public System.Collections.Generic.IReadOnlyList<string> Replayed
        {
            get => replayed;
            set => replayed = TextList.Of(value);
        }

        private System.Collections.Generic.IReadOnlyList<string> replayed = TextList.Empty;

        /// <summary>What runs again.</summary>
        public System.Collections.Generic.IReadOnlyList<string> Rerun
        {
            get => rerun;
            set => rerun = TextList.Of(value);
        }

        private System.Collections.Generic.IReadOnlyList<string> rerun = TextList.Empty;

        /// <summary>
        /// Why the resume repeats work the failed run had finished (a Parallel or Map re-run whole, or some of
        /// its branches or iterations); null when nothing was given up. Always set when <see cref="Precision"/>
        /// is WholeState.
        /// </summary>
        public string? PrecisionNote { get; set; }

        /// <summary>Stable codes for <see cref="PrecisionNote"/>: NoTwin, InputTooLarge, OutputTruncated, WholeAsked, ... (SfnResume.GoTo.PrecisionCodes); empty when nothing was given up.</summary>
        public System.Collections.Generic.IReadOnlyList<string> PrecisionCodes
        {
            get => precisionCodes;
            set => precisionCodes = TextList.Of(value);
        }

        private System.Collections.Generic.IReadOnlyList<string> precisionCodes = TextList.Empty;

        /// <summary>The resuming input as JSON: <c>{"resuming":{"state","input","variables"}}</c>.</summary>
        public string Input { get; set; } = string.Empty;

        /// <summary>
        /// A precise resume of a failed Distributed Map: the S3 object (<c>s3://bucket/key</c>) listing the items
        /// the resumed run runs, which the copy's Map reads; null otherwise. Written before this object is
        /// returned (<see cref="ItemFileWrite"/>).
        /// </summary>
        public string? ItemFile { get; set; }

        /// <summary>Written, or AlreadyThere (the same resume wrote it before: its key holds a hash of its content); null without an item file.</summary>
        public string? ItemFileWrite { get; set; }

        /// <summary>For a failure in a Distributed Map whose Map Run was read: the child executions the resumed run starts (the items that did not succeed), or every item when the Map re-runs whole.</summary>
        public long? ItemsRunAgain { get; set; }

        /// <summary>For a failure in a Distributed Map whose Map Run was read: what the Map's result holds after the resume, in words.</summary>
        public string? MapResult { get; set; }

        /// <summary>The copy's definition.</summary>
        public string Definition { get; set; } = string.Empty;

        /// <summary>New, Reused, Updated, Offline (written, not created), or OnMachine (no copy: the state machine itself is resume-ready, and StateMachineArn is it).</summary>
        public string Created { get; set; } = string.Empty;

        /// <summary>The copy's ARN, or offline its name.</summary>
        public override string ToString() => StateMachineArn ?? StateMachineName;
    }
}
