using System;
using System.Collections.Generic;

namespace SfnResume.PowerShell.Completers
{
    /// <summary>One value Tab can insert, with the texts it is listed and found by.</summary>
    internal sealed class CompletionCandidate
    {
        public CompletionCandidate(string value, string? listItem = null, string? toolTip = null, params string[] alsoKnownAs)
        {
            Value = value;
            ListItem = string.IsNullOrEmpty(listItem) ? value : listItem!;
            ToolTip = string.IsNullOrEmpty(toolTip) ? value : toolTip!;
            AlsoKnownAs = alsoKnownAs ?? Array.Empty<string>();
        }

        /// <summary>What is inserted (quoted if need be).</summary>
        public string Value { get; }

        /// <summary>What the menu shows, e.g. a state machine's name for its ARN.</summary>
        public string ListItem { get; }

        public string ToolTip { get; }

        /// <summary>Other texts the typed word may match, e.g. the name inside an ARN.</summary>
        public IReadOnlyList<string> AlsoKnownAs { get; }
    }
}
