using System;
using System.Collections.Generic;
using System.Linq;

namespace SfnResume.Permissions
{
    /// <summary>
    /// One line of <see cref="PermissionCatalog"/>: an IAM action, on which resource, for which use, which
    /// commands make the call and why. The policy Get-SfnResumePolicy prints, the README's permissions
    /// section and the tests' expectations are all made from these lines.
    /// </summary>
    public sealed class PermissionEntry
    {
        public PermissionEntry(
            PermissionUse use,
            string action,
            PermissionResource resource,
            string statement,
            IReadOnlyList<string> commands,
            string why,
            MachineCondition when = MachineCondition.Always,
            GrantCondition condition = GrantCondition.None,
            PermissionNeed need = PermissionNeed.Required,
            string? withoutIt = null,
            IReadOnlyList<PermissionUse>? alsoFor = null)
        {
            Use = use;
            Uses = new[] { use }.Concat(alsoFor ?? Array.Empty<PermissionUse>()).ToList();
            Action = action;
            Resource = resource;
            Statement = statement;
            Commands = commands;
            Why = why;
            When = when;
            Condition = condition;
            Need = need;
            WithoutIt = withoutIt;
        }

        /// <summary>The use whose commands make the call; see <see cref="Uses"/> for all.</summary>
        public PermissionUse Use { get; }

        /// <summary>Every use that needs it: <see cref="Use"/>, and others whose commands make the same call.</summary>
        public IReadOnlyList<PermissionUse> Uses { get; }

        /// <summary>The IAM action, e.g. <c>states:DescribeExecution</c>.</summary>
        public string Action { get; }

        public PermissionResource Resource { get; }

        /// <summary>The Sid of the policy statement it is written in; entries of one statement share a purpose.</summary>
        public string Statement { get; }

        /// <summary>The commands that make the call: SfnResume's cmdlets, and AWS.Tools' where the README pipes them in.</summary>
        public IReadOnlyList<string> Commands { get; }

        /// <summary>Why the call is made, in a user's words.</summary>
        public string Why { get; }

        public MachineCondition When { get; }

        public GrantCondition Condition { get; }

        public PermissionNeed Need { get; }

        /// <summary>For <see cref="PermissionNeed.Improves"/>: what the commands do without it.</summary>
        public string? WithoutIt { get; }

        public override string ToString() => $"{Action} on {Resource} ({string.Join(", ", Uses)})";
    }
}
