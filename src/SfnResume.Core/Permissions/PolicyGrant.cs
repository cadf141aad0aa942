using System.Collections.Generic;
using System.Linq;

namespace SfnResume.Permissions
{
    /// <summary>One permission written out for one state machine: an action on one resource ARN, with its condition.</summary>
    public sealed class PolicyGrant
    {
        public PolicyGrant(PermissionEntry entry, string resource, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> condition)
        {
            Entry = entry;
            Resource = resource;
            Condition = condition;
        }

        /// <summary>The catalog line it comes from: why, for which commands, how much they need it.</summary>
        public PermissionEntry Entry { get; }

        public string Action => Entry.Action;

        public string Resource { get; }

        /// <summary>The condition's <c>StringEquals</c> keys and their allowed values; empty for none.</summary>
        public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Condition { get; }

        /// <summary>The condition as one comparable text.</summary>
        internal string ConditionKey => string.Join(";", Condition.Select(c => c.Key + "=" + string.Join(",", c.Value)));

        public override string ToString() => $"{Action} on {Resource}";
    }
}
