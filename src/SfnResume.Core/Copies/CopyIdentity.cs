using System;
using System.Collections.Generic;
using System.Linq;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.GoTo;

namespace SfnResume.Copies
{
    /// <summary>
    /// Tells SfnResume's GoTo copies from every other state machine. A copy carries the sfnresume:source tag
    /// naming its original, and has the name SfnResume gives that original's copy (<see cref="GoToCopyNames"/>).
    /// Both are asked for: a tag alone could be copied onto a production machine by hand or by IaC, and a name
    /// ending in -goto alone is anyone's choice, so neither on its own ever makes a machine SfnResume's to delete.
    /// </summary>
    public static class CopyIdentity
    {
        /// <summary>Whether a machine of this name can be a copy at all: every copy's name ends in -goto.</summary>
        public static bool MayBeCopyName(string stateMachineName) => stateMachineName.EndsWith(GoToCopyNames.Suffix, StringComparison.Ordinal);

        /// <summary>The original the machine is a copy of; null when it is no copy, and <paramref name="reason"/> then says why.</summary>
        public static string? SourceOf(string stateMachineArn, IEnumerable<Tag> tags, out string? reason)
        {
            var list = tags.ToList();
            var source = list.FirstOrDefault(t => t.Key == GoToCopyService.SourceTag)?.Value;
            if (string.IsNullOrEmpty(source))
            {
                reason = $"it carries no {GoToCopyService.SourceTag} tag";
                return null;
            }

            if (!StateMachineArns.IsValid(source) || StateMachineArns.IsQualified(source!))
            {
                reason = $"its {GoToCopyService.SourceTag} tag, '{source}', is not a state machine ARN";
                return null;
            }

            var expected = GoToCopyNames.ArnFor(source!);
            if (!string.Equals(expected, StateMachineArns.Unqualified(stateMachineArn), StringComparison.Ordinal))
            {
                reason = $"its {GoToCopyService.SourceTag} tag names '{source}', whose copy SfnResume names '{StateMachineArns.NameOf(expected)}'";
                return null;
            }

            reason = null;
            return source;
        }

        /// <summary>The hash of the original definition the copy was made from; null when the tag is missing.</summary>
        public static string? DefinitionHashOf(IEnumerable<Tag> tags)
        {
            var hash = tags.FirstOrDefault(t => t.Key == GoToCopyService.DefinitionTag)?.Value;
            return string.IsNullOrEmpty(hash) ? null : hash;
        }
    }
}
