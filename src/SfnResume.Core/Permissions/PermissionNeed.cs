namespace SfnResume.Permissions
{
    /// <summary>How much a command depends on a permission.</summary>
    public enum PermissionNeed
    {
        /// <summary>Without it, a command fails: AccessDenied, naming the action.</summary>
        Required,

        /// <summary>
        /// Without it, the commands still do their work, at a cost <see cref="PermissionEntry.WithoutIt"/> names
        /// (more calls, a copy without the original's tags). It is in the policy because the cost is real.
        /// </summary>
        Improves,
    }
}
