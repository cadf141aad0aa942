using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace SfnResume.GoTo
{
    /// <summary>
    /// Copies the states of a branch under new names ("X (resumed)"), because names are unique machine-wide:
    /// every Next, Default, Choice rule and catcher is rewritten to the copies, and branches inside are copied
    /// under new names too. The originals stay as they are.
    /// </summary>
    internal sealed class StateCopier
    {
        private const string CopySuffix = " (resumed)";

        private readonly StateNames names;

        public StateCopier(StateNames names)
        {
            this.names = names;
        }

        /// <summary>Every name given to a copy, with the original state's: a run of the copy is read back in the original's names.</summary>
        public Dictionary<string, string> Originals { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>A new name for each state of <paramref name="states"/>, taken now, in order.</summary>
        public Dictionary<string, string> NewNames(JsonObject states)
        {
            var copyNames = states.ToDictionary(s => s.Key, s => names.Free(s.Key + CopySuffix), StringComparer.Ordinal);
            foreach (var copy in copyNames)
            {
                Originals[copy.Value] = Originals.TryGetValue(copy.Key, out var original) ? original : copy.Key;
            }

            return copyNames;
        }

        /// <summary>A state's name to its copy's; a name outside the branch stays as it is.</summary>
        public static Func<string, string> Renaming(IReadOnlyDictionary<string, string> copyNames) => n => copyNames.TryGetValue(n, out var copy) ? copy : n;

        /// <summary>A state under a new name: its transitions renamed, and any branches inside copied under new names too.</summary>
        public JsonObject CopyState(JsonObject body, Func<string, string> rename)
        {
            var copy = (JsonObject)body.DeepClone();
            Rename(copy, "Next", rename);
            Rename(copy, "Default", rename);
            foreach (var listName in new[] { "Choices", "Catch" })
            {
                if (copy[listName] is JsonArray list)
                {
                    foreach (var item in list.OfType<JsonObject>())
                    {
                        Rename(item, "Next", rename);
                    }
                }
            }

            if (copy["Branches"] is JsonArray branches)
            {
                for (var i = 0; i < branches.Count; i++)
                {
                    if (branches[i] is JsonObject branch)
                    {
                        branches[i] = CopyBranch(branch);
                    }
                }
            }

            foreach (var processorName in new[] { "ItemProcessor", "Iterator" })
            {
                if (copy[processorName] is JsonObject processor)
                {
                    copy[processorName] = CopyBranch(processor);
                }
            }

            return copy;
        }

        private JsonObject CopyBranch(JsonObject branch)
        {
            if (!(branch["States"] is JsonObject states))
            {
                return (JsonObject)branch.DeepClone();
            }

            var copyNames = NewNames(states);
            var rename = Renaming(copyNames);
            var result = new JsonObject();
            foreach (var member in branch)
            {
                if (member.Key == "StartAt")
                {
                    result["StartAt"] = rename(StateFields.Text(branch, "StartAt") ?? string.Empty);
                }
                else if (member.Key == "States")
                {
                    var copied = new JsonObject();
                    foreach (var state in states)
                    {
                        copied[copyNames[state.Key]] = state.Value is JsonObject body ? CopyState(body, rename) : state.Value?.DeepClone();
                    }

                    result["States"] = copied;
                }
                else
                {
                    result[member.Key] = member.Value?.DeepClone();
                }
            }

            return result;
        }

        private static void Rename(JsonObject holder, string key, Func<string, string> rename)
        {
            if (StateFields.Text(holder, key) is string name)
            {
                holder[key] = rename(name);
            }
        }
    }
}
