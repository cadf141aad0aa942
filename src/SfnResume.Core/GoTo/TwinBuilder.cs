using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace SfnResume.GoTo
{
    /// <summary>
    /// Builds the replay twins of Parallel and Map states: a twin has the original's fields, <c>Next</c>, Retry
    /// and Catch, and is entered with <c>{"input": the original's input, "replay": what each branch or
    /// iteration did}</c>. Each of its branches (or its item processor) starts with a replay Choice:
    /// <list type="bullet">
    /// <item>a recorded output: the branch ends at once with it (a Succeed state), running nothing;</item>
    /// <item>a state and its recorded input: the branch jumps to a renamed copy of that state (or, for a
    /// Parallel or Map inside, to its own twin, one level down);</item>
    /// <item><c>0</c> (a Map whose result is discarded): the iteration ends at once, its output unused;</item>
    /// <item>anything else: the branch runs from its start with the input the original would have given it.</item>
    /// </list>
    /// Names are unique machine-wide, so a branch's states are copied under new names (<see cref="StateCopier"/>);
    /// the originals stay as they are. Twins are reachable only from the GoTo rules, so ordinary input never
    /// meets one. Which containers can have a twin is <see cref="TwinEligibility"/>'s to say; how a twin's fields
    /// read its wrapped input, its <see cref="QueryDialect"/>'s.
    /// </summary>
    internal sealed class TwinBuilder
    {
        public const string ReplayKey = "replay";
        public const string EntriesKey = "entries";
        public const string BranchesKey = "branches";

        private const string TwinSuffix = " (replay)";

        private readonly StateNames names;
        private readonly QueryDialect dialect;
        private readonly TwinEligibility eligibility;
        private readonly StateCopier copier;
        private readonly string controlBase;

        public TwinBuilder(StateNames names, QueryDialect dialect, string controlBase)
        {
            this.names = names;
            this.dialect = dialect;
            this.controlBase = controlBase;
            eligibility = new TwinEligibility(dialect);
            copier = new StateCopier(names);
        }

        /// <summary>Containers (any depth) that have no twin, and why: a resume through them re-runs them whole.</summary>
        public Dictionary<string, string> Untwinned { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Containers that have a twin, each with its twin's name.</summary>
        public Dictionary<string, string> Twins { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The states copied under new names inside the twins: each copy's name with its original's.</summary>
        public IReadOnlyDictionary<string, string> CopiedStates => copier.Originals;

        /// <summary>
        /// The twin of a top-level container and the states it needs beside it, or null (and a reason in
        /// <see cref="Untwinned"/>) when the container cannot have one.
        /// </summary>
        /// <param name="topLevel">The top-level state names, which the twin's transitions must name.</param>
        public List<KeyValuePair<string, JsonObject>>? BuildTopLevel(string name, JsonObject body, IReadOnlyCollection<string> topLevel)
        {
            if (eligibility.WhyNotTopLevel(body, topLevel) is string why)
            {
                Untwinned[name] = why;
                return null;
            }

            return BuildTwin(name, body, n => n, DistributedTwin.IsDistributed(body));
        }

        /// <param name="distributed">A top-level Distributed Map: its twin reads the items to re-run from SfnResume's item file.</param>
        private List<KeyValuePair<string, JsonObject>>? BuildTwin(string name, JsonObject body, Func<string, string> rename, bool distributed = false)
        {
            if (eligibility.WhyNot(body, distributed) is string reason)
            {
                Untwinned[name] = reason;
                return null;
            }

            var isMap = StateFields.Text(body, "Type") == "Map";
            var twinName = names.Free(name + TwinSuffix);
            Twins[name] = twinName;
            var added = new List<KeyValuePair<string, JsonObject>>();
            var twin = new JsonObject();
            foreach (var member in body)
            {
                switch (member.Key)
                {
                    case "Next":
                        twin["Next"] = rename(StateFields.Text(body, "Next")!);
                        break;
                    case "Branches":
                        var branches = new JsonArray();
                        var index = 0;
                        foreach (var branch in (JsonArray)member.Value!)
                        {
                            branches.Add(BuildBranch((JsonObject)branch!, isMap: false, $"{ReplayKey}.{BranchesKey}[{index}]"));
                            index++;
                        }

                        twin["Branches"] = branches;
                        break;
                    case "ItemProcessor":
                    case "Iterator":
                        twin[member.Key] = BuildBranch((JsonObject)member.Value!, isMap: true, ReplayKey);
                        break;
                    case "Catch":
                        twin["Catch"] = dialect.Catchers((JsonArray)member.Value!, rename, () => names.Free(controlBase + "-caught"), added);
                        break;
                    default:
                        dialect.CopyField(body, member.Key, twin);
                        break;
                }
            }

            if (distributed)
            {
                DistributedTwin.WrapInput(body, twin, JsonPathDialect.EffectiveInput(body), JsonPathDialect.Raw);
            }
            else
            {
                dialect.WrapInput(body, twin, isMap);
            }

            added.Insert(0, new KeyValuePair<string, JsonObject>(twinName, twin));
            return added;
        }

        /// <summary>A twin's branch (or item processor): the replay Choice, copies of the states, twins of the containers inside.</summary>
        /// <param name="replay">Where the branch's replay entry is in the twin's input.</param>
        private JsonObject BuildBranch(JsonObject branch, bool isMap, string replay)
        {
            var states = (JsonObject)branch["States"]!;
            var copyNames = copier.NewNames(states);
            var rename = StateCopier.Renaming(copyNames);
            var startAt = rename(StateFields.Text(branch, "StartAt")!);

            // The control states' names come first, as they always have, so a copy's names do not change.
            var control = new BranchControl(names, controlBase, dialect, isMap, AssignedIn(states), replay);

            var copies = new List<KeyValuePair<string, JsonObject>>();
            var targets = new List<(string State, string? Twin)>();
            foreach (var state in states)
            {
                var body = (JsonObject)state.Value!;
                copies.Add(new KeyValuePair<string, JsonObject>(copyNames[state.Key], copier.CopyState(body, rename)));
                var twin = StateFields.IsContainer(body) ? BuildTwin(state.Key, body, rename) : null;
                targets.Add((state.Key, twin?[0].Key));
                if (twin != null)
                {
                    copies.AddRange(twin);
                }
            }

            var result = new JsonObject();
            foreach (var member in branch)
            {
                if (member.Key != "StartAt" && member.Key != "States")
                {
                    result[member.Key] = member.Value?.DeepClone();
                }
            }

            var all = new JsonObject();
            foreach (var state in control.States(startAt, targets, rename).Concat(copies))
            {
                all[state.Key] = state.Value;
            }

            result["StartAt"] = control.Start;
            result["States"] = all;
            return result;
        }

        /// <summary>Variable names the states of one States object assign (on the state, its Choice rules, its catchers).</summary>
        private static IReadOnlyCollection<string> AssignedIn(JsonObject states)
        {
            var found = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var state in states.Select(s => s.Value).OfType<JsonObject>())
            {
                var holders = new List<JsonObject> { state };
                foreach (var listName in new[] { "Choices", "Catch" })
                {
                    holders.AddRange((state[listName] as JsonArray)?.OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>());
                }

                foreach (var assign in holders.Select(h => h["Assign"]).OfType<JsonObject>())
                {
                    found.UnionWith(assign.Select(v => v.Key.EndsWith(".$", StringComparison.Ordinal) ? v.Key.Substring(0, v.Key.Length - 2) : v.Key));
                }
            }

            return found;
        }
    }
}
