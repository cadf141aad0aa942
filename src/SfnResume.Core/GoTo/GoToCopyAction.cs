namespace SfnResume.GoTo
{
    /// <summary>What making the copy takes.</summary>
    public enum GoToCopyAction
    {
        /// <summary>No copy exists yet: CreateStateMachine.</summary>
        Create,

        /// <summary>A copy of this very definition exists: nothing to change.</summary>
        Reuse,

        /// <summary>A copy exists but of another definition (the original changed since): UpdateStateMachine.</summary>
        Update,

        /// <summary>
        /// No copy: the state machine's own definition is resume-ready (see <see cref="ResumeReady.ResumeReadyDefinitions"/>),
        /// and resumes start on it. Nothing is created, updated or passed a role.
        /// </summary>
        OnMachine,
    }
}
