using System.Collections.Generic;
using System.Linq;

namespace SfnResume.Permissions
{
    /// <summary>
    /// One permission written out for one state machine: an action on one resource ARN, with its condition. Two
    /// catalog lines that grant the same (ListExecutions on the copy: waiting is cheaper with it, clean-up needs
    /// it) make one grant, so a policy names each permission once and removing it removes it for every use.
    /// </summary>
    public sealed class PolicyGrant
    {
        public PolicyGrant(IReadOnlyList<PermissionEntry> entries, string resource, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> condition)
        {
            Entries = entries;
            Resource = resource;
            Condition = condition;
        }

        /// <summary>The catalog lines it comes from: why, for which commands, how much they need it.</summary>
        public IReadOnlyList<PermissionEntry> Entries { get; }

        /// <summary>The line that decides its statement: the first that requires it, else the first.</summary>
        public PermissionEntry Entry => Entries.FirstOrDefault(e => e.Need == PermissionNeed.Required) ?? Entries[0];

        public string Action => Entries[0].Action;

        public string Resource { get; }

        /// <summary>Required when some use of the policy needs it, even if others only do better with it.</summary>
        public PermissionNeed Need => Entry.Need;

        /// <summary>Every command that makes the call, over all its lines.</summary>
        public IReadOnlyList<string> Commands => Entries.SelectMany(e => e.Commands).Distinct().ToList();

        /// <summary>The condition's <c>StringEquals</c> keys and their allowed values; empty for none.</summary>
        public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Condition { get; }

        /// <summary>The condition as one comparable text.</summary>
        internal string ConditionKey => ResumePolicyBuilder.ConditionKeyOf(Condition);

        public override string ToString() => $"{Action} on {Resource}";
    }
}
