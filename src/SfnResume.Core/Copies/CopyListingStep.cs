using System;

namespace SfnResume.Copies
{
    /// <summary>
    /// One step of <see cref="GoToCopyCatalog.ListAsync"/>, with the running totals, so the caller can show
    /// progress and write each copy as soon as it is found, on its own thread.
    /// </summary>
    public sealed class CopyListingStep
    {
        public CopyListingStep(CopyListingStepKind kind, int machinesRead, int copiesFound)
        {
            Kind = kind;
            MachinesRead = machinesRead;
            CopiesFound = copiesFound;
        }

        public CopyListingStepKind Kind { get; }

        /// <summary>State machines read so far.</summary>
        public int MachinesRead { get; }

        /// <summary>Copies found so far.</summary>
        public int CopiesFound { get; }

        /// <summary>The machine the step is about; null for <see cref="CopyListingStepKind.Listed"/>.</summary>
        public string? StateMachineArn { get; set; }

        /// <summary>For <see cref="CopyListingStepKind.Found"/>: the copy.</summary>
        public GoToCopy? Copy { get; set; }

        /// <summary>For <see cref="CopyListingStepKind.Passed"/>: why the machine is not listed.</summary>
        public string? Reason { get; set; }

        /// <summary>For <see cref="CopyListingStepKind.Passed"/>: the copy asked for by its source does not exist at all.</summary>
        public bool Missing { get; set; }

        /// <summary>For <see cref="CopyListingStepKind.Failed"/>: what went wrong reading the machine.</summary>
        public Exception? Failure { get; set; }
    }
}
