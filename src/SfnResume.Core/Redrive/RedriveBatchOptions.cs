using System;

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

        /// <summary>Where the file of a failed Distributed Map's items to re-run is written (-ItemBucket, -ItemPrefix); null: the Map's ItemReader bucket.</summary>
        public GoTo.Distributed.ItemFileLocation? ItemFileLocation { get; set; }

        /// <summary>Follow the resumed runs until they end (-Wait); null: answer each as soon as it is started.</summary>
        public ResumedRunWait? Wait { get; set; }

        /// <summary>
        /// How many executions of each state machine to resume first, in the order they arrive, and wait for;
        /// the others of that machine are resumed only when all of these succeeded. 0: no canaries.
        /// </summary>
        public int Canaries { get; set; }

        /// <summary>How canaries are followed when there is no <see cref="Wait"/>: every 5 seconds, for as long as they take.</summary>
        public ResumedRunWait CanaryWait { get; set; } = new ResumedRunWait(TimeSpan.FromSeconds(5));

        /// <summary>
        /// The approver asks an operator (a prompt, or -WhatIf's lines): ask about the executions in the order they
        /// came, not in the order their plans finish. Off with -Force, where nothing waits for an earlier plan.
        /// </summary>
        public bool AskInInputOrder { get; set; }

        /// <summary>
        /// Nothing will be changed (-WhatIf): the roles are still given, but nothing waits for a canary that will
        /// not run, and a declined canary is not replaced.
        /// </summary>
        public bool Preview { get; set; }
    }
}
