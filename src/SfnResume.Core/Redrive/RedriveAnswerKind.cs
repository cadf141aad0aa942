namespace SfnResume.Redrive
{
    /// <summary>What became of one execution of a batch: each gets exactly one answer.</summary>
    public enum RedriveAnswerKind
    {
        /// <summary>Nothing to change: skipped (see its Reasons), only planned, or already resumed by an earlier run.</summary>
        Planned,

        /// <summary>Redriven or started (or found started under its own name); with a wait, the run's end.</summary>
        Resumed,

        /// <summary>Not approved: the operator said no, or -WhatIf.</summary>
        Declined,

        /// <summary>Planning or resuming it failed; the others went on.</summary>
        Failed,

        /// <summary>Left untouched because a canary of its state machine did not succeed.</summary>
        Withheld,
    }
}
