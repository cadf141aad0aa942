using System.Collections.Generic;

namespace SfnResume.GoTo
{
    /// <summary>
    /// Hands out state names no state of the copy uses yet: names are unique in the whole state machine,
    /// nested branches included, and at most 80 characters.
    /// </summary>
    internal sealed class StateNames
    {
        public const int MaxLength = 80;

        private readonly HashSet<string> taken;

        public StateNames(IEnumerable<string> existing)
        {
            taken = new HashSet<string>(existing, System.StringComparer.Ordinal);
        }

        /// <summary>The first of name, name_2, name_3, ... that no state uses, cut to 80 characters.</summary>
        public string Free(string wanted)
        {
            var candidate = wanted.Length > MaxLength ? wanted.Substring(0, MaxLength) : wanted;
            for (var n = 2; taken.Contains(candidate); n++)
            {
                var suffix = "_" + n;
                candidate = (wanted.Length + suffix.Length > MaxLength ? wanted.Substring(0, MaxLength - suffix.Length) : wanted) + suffix;
            }

            taken.Add(candidate);
            return candidate;
        }
    }
}
