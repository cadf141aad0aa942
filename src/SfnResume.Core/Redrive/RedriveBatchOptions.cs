namespace SfnResume.Redrive
{
    /// <summary>What a batch does with the executions it is given.</summary>
    public sealed class RedriveBatchOptions
    {
        /// <summary>Auto (redrive where AWS allows and the definition is unchanged, else GoTo), Redrive or GoTo only.</summary>
        public RedriveMethod Method { get; set; } = RedriveMethod.Auto;

        /// <summary>How many calls to Step Functions run at once.</summary>
        public int ThrottleLimit { get; set; } = 10;

        /// <summary>False: only plan (Test-SfnRedrive); every execution is answered Planned, Failed or skipped.</summary>
        public bool Resume { get; set; }

        /// <summary>
        /// Check each planned resume with TestState before it is answered or approved (<see cref="RedrivePlanItem.Preflight"/>);
        /// nothing is invoked. Whether a failed check keeps a resume from going ahead is the approver's call.
        /// </summary>
        public bool Preflight { get; set; }

        /// <summary>Follow the resumed runs until they end (-Wait); null: answer each as soon as it is started.</summary>
        public ResumedRunWait? Wait { get; set; }
    }
}
