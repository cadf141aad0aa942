namespace SfnResume.Redrive
{
    /// <summary>Where an execution stands in a batch with canaries.</summary>
    public enum ResumeRole
    {
        /// <summary>No canaries: resumed as soon as it is planned.</summary>
        Ordinary,

        /// <summary>One of the first executions of its state machine: resumed, then waited for, before the others.</summary>
        Canary,

        /// <summary>Resumed once every canary of its state machine succeeded.</summary>
        AfterCanary,
    }
}
