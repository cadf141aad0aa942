using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfnResume.Definitions;
using SfnResume.History;

namespace SfnResume.GoTo
{
    /// <summary>
    /// Turns what the failed run recorded inside a Parallel or Map into the replay data its twin reads:
    /// <c>{"branches": [entry, ...]}</c> for a Parallel, <c>{"entries": [entry, ...]}</c> for a Map, where an
    /// entry is <c>{"output": recorded}</c> (replayed), <c>{"state", "input"[, "replay"]}</c> (resumed there),
    /// <c>1</c> (runs from its start) or <c>0</c> (succeeded before, in a Map whose result is discarded: its
    /// output is not needed, so none is carried and a Map of any size fits).
    /// </summary>
    public static class ReplayPlanner
    {
        private const int Listed = 10;

        /// <param name="path">The containers on the way to the resume point, outermost (top-level) first.</param>
        /// <param name="copy">The GoTo copy: which containers have twins.</param>
        /// <param name="definition">The copied definition: which Maps discard their result.</param>
        /// <param name="inner">Resume the innermost level elsewhere, or with another input; null for the recorded point.</param>
        public static ReplayPlan Plan(IReadOnlyList<ContainerRecord> path, GoToDefinition copy, StateMachineDefinition definition, ReplayOverride? inner)
        {
            var top = path[0];
            if (!copy.Twins.ContainsKey(top.StateName))
            {
                var why = copy.Untwinned.TryGetValue(top.StateName, out var reason) ? reason : "the copy has no replay copy of it";
                return ReplayPlan.Whole(top.StateName, new PrecisionReason(PrecisionCodes.NoTwin, $"'{top.StateName}' re-runs whole: {why}."));
            }

            if (copy.DistributedTwins.Contains(top.StateName))
            {
                // Its iterations are child executions: what each did is read from its Map Run, not carried here.
                return ReplayPlan.Whole(top.StateName, new PrecisionReason(PrecisionCodes.NoTwin,
                    $"'{top.StateName}' re-runs whole: it is a Distributed Map, and running only its unfinished items needs its Map Run read (each child's outcome and input), which this resume did not do."));
            }

            var context = new Context(copy, definition, inner, path.Count);
            var replay = Encode(top, 0, path, context);
            var deepest = path[path.Count - 1];
            var innerState = inner?.State ?? (deepest.FailedIndex is int failed && failed < deepest.Branches.Count ? deepest.Branches[failed].ResumeState : null);
            return ReplayPlan.Precise(replay.ToJsonString(), context.Replayed, context.Rerun, context.Reasons, innerState);
        }

        private static JsonObject Encode(ContainerRecord record, int level, IReadOnlyList<ContainerRecord> path, Context context)
        {
            var discard = record.IsMap && context.Definition.Find(record.StateName)?.DiscardsResult == true;
            var entries = new JsonArray();
            var replayed = new List<int>();
            var rerun = new List<string>();
            var truncated = new List<int>();
            var notRecorded = new List<int>();
            var fromStart = new List<(int Index, string State)>();
            foreach (var branch in record.Branches)
            {
                if (context.Inner != null && level == context.Depth - 1 && context.Inner.Container == record.StateName && context.Inner.Index == branch.Index)
                {
                    entries.Add(WithVariables(new JsonObject { ["state"] = context.Inner.State, ["input"] = Parse(context.Inner.Input) }, record, branch, context.Inner.State, context));
                    rerun.Add($"{Part(record, branch.Index)} from '{context.Inner.State}'");
                    continue;
                }

                if (branch.CanReplay && TryParse(branch.Output!, out var output))
                {
                    entries.Add(discard ? JsonValue.Create(0) : new JsonObject { ["output"] = output });
                    replayed.Add(branch.Index);
                    continue;
                }

                if (branch.Outcome == BranchOutcome.Succeeded)
                {
                    (branch.OutputTruncated ? truncated : notRecorded).Add(branch.Index);
                }

                if (branch.ResumeState != null && branch.ResumeInput != null && TryParse(branch.ResumeInput, out var input))
                {
                    var entry = WithVariables(new JsonObject { ["state"] = branch.ResumeState, ["input"] = input }, record, branch, branch.ResumeState, context);
                    // Where the branch stopped may be a Parallel or Map itself: precise only with its twin and its record.
                    var nested = branch.Nested?.StateName ?? (context.Definition.Find(branch.ResumeState)?.Type is "Parallel" or "Map" ? branch.ResumeState : null);
                    if (nested != null && context.Copy.Untwinned.TryGetValue(nested, out var why))
                    {
                        context.Reasons.Add(new PrecisionReason(PrecisionCodes.NoTwin, $"'{nested}' in {Part(record, branch.Index)} re-runs whole: {why}."));
                    }
                    else if (branch.Nested != null)
                    {
                        // Off the way to the failure (a sibling stopped inside it) the override never applies: level -1.
                        var onPath = level + 1 < path.Count && path[level + 1] == branch.Nested;
                        entry["replay"] = Encode(branch.Nested, onPath ? level + 1 : -1, path, context);
                    }
                    else if (nested != null)
                    {
                        context.Reasons.Add(new PrecisionReason(PrecisionCodes.NoContainerRecord, $"'{nested}' in {Part(record, branch.Index)} re-runs whole: the failure point holds no record of what ran inside it."));
                    }

                    entries.Add(entry);
                    rerun.Add($"{Part(record, branch.Index)} from '{branch.ResumeState}'");
                    continue;
                }

                if (branch.Outcome != BranchOutcome.Succeeded && branch.ResumeState != null)
                {
                    // It stopped part-way, but where it stopped has no input to resume with: what ran before repeats.
                    fromStart.Add((branch.Index, branch.ResumeState));
                }

                entries.Add(JsonValue.Create(1));
                rerun.Add($"{Part(record, branch.Index)} from its start");
            }

            AddReasons(record, truncated, notRecorded, fromStart, context);

            if (replayed.Count > 0)
            {
                context.Replayed.Add(record.IsMap
                    ? $"'{record.StateName}': {replayed.Count:N0} of {record.Count:N0} iterations{(discard ? " (result discarded)" : string.Empty)}"
                    : $"'{record.StateName}': {string.Join(", ", replayed.Select(i => $"branch {i + 1}"))}");
            }

            context.Rerun.AddRange(rerun.Count <= Listed ? rerun : rerun.Take(Listed).Concat(new[] { $"'{record.StateName}': {rerun.Count - Listed:N0} more" }));
            return new JsonObject { [record.IsMap ? TwinBuilder.EntriesKey : TwinBuilder.BranchesKey] = entries };
        }

        /// <summary>One reason per kind and container, however many branches or iterations it concerns: a Map of 5,000 gives one sentence, not 5,000.</summary>
        private static void AddReasons(ContainerRecord record, List<int> truncated, List<int> notRecorded, List<(int Index, string State)> fromStart, Context context)
        {
            if (truncated.Count > 0)
            {
                context.Reasons.Add(new PrecisionReason(PrecisionCodes.OutputTruncated,
                    $"{Parts(record, truncated)} succeeded but {Its(truncated)} output{(truncated.Count == 1 ? " was" : "s were")} truncated, so {(truncated.Count == 1 ? "it runs" : "they run")} again."));
            }

            if (notRecorded.Count > 0)
            {
                context.Reasons.Add(new PrecisionReason(PrecisionCodes.OutputNotRecorded,
                    $"{Parts(record, notRecorded)} succeeded but {Its(notRecorded)} output{(notRecorded.Count == 1 ? " was" : "s were")} not recorded (a history without execution data), so {(notRecorded.Count == 1 ? "it runs" : "they run")} again."));
            }

            if (fromStart.Count > 0)
            {
                var where = fromStart.Count == 1 ? $"the input of '{fromStart[0].State}', where it stopped, was" : "the inputs of the states where they stopped were";
                context.Reasons.Add(new PrecisionReason(PrecisionCodes.ResumeInputNotRecorded,
                    $"{Parts(record, fromStart.Select(f => f.Index).ToList())} {(fromStart.Count == 1 ? "runs" : "run")} again from {(fromStart.Count == 1 ? "its" : "their")} start: {where} not recorded (a history without execution data)."));
            }
        }

        private static string Its(List<int> indexes) => indexes.Count == 1 ? "its" : "their";

        /// <summary>"'P': iteration 3", "'P': iterations 1, 4 and 7", "'P': iterations 0, 1, ... 9 and 990 more", "'Q': branches 1 and 2".</summary>
        private static string Parts(ContainerRecord record, List<int> indexes)
        {
            if (indexes.Count == 1)
            {
                return Part(record, indexes[0]);
            }

            var names = indexes.Take(Listed).Select(i => (record.IsMap ? i : i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var list = indexes.Count > Listed
                ? $"{string.Join(", ", names)} and {indexes.Count - Listed:N0} more"
                : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[names.Count - 1]}";
            return $"'{record.StateName}': {(record.IsMap ? "iterations" : "branches")} {list}";
        }

        /// <summary>
        /// The branch's own variables as they were when the state was entered, every one its scope assigns
        /// present (null when not yet assigned): the twin restores them all, and a JSONPath Assign that reads a
        /// missing path would fail the run.
        /// </summary>
        private static JsonObject WithVariables(JsonObject entry, ContainerRecord record, BranchRecord branch, string state, Context context)
        {
            var names = context.Definition.VariablesIn(record.StateName, record.IsMap ? (int?)null : branch.Index);
            if (names.Count == 0)
            {
                return entry;
            }

            var recorded = branch.VariablesAt(state);
            var variables = new JsonObject();
            foreach (var name in names)
            {
                variables[name] = recorded.TryGetValue(name, out var value) && TryParse(value, out var node) ? node : null;
            }

            entry["variables"] = variables;
            return entry;
        }

        private static string Part(ContainerRecord record, int index) => record.IsMap ? $"'{record.StateName}': iteration {index}" : $"'{record.StateName}': branch {index + 1}";

        private static JsonNode? Parse(string json) => JsonNode.Parse(json);

        private static bool TryParse(string json, out JsonNode? node)
        {
            try
            {
                node = JsonNode.Parse(json);
                return true;
            }
            catch (JsonException)
            {
                node = null;
                return false;
            }
        }

        private sealed class Context
        {
            public Context(GoToDefinition copy, StateMachineDefinition definition, ReplayOverride? inner, int depth)
            {
                Copy = copy;
                Definition = definition;
                Inner = inner;
                Depth = depth;
            }

            public GoToDefinition Copy { get; }

            public StateMachineDefinition Definition { get; }

            public ReplayOverride? Inner { get; }

            /// <summary>How many levels the path has: the override applies at the last.</summary>
            public int Depth { get; }

            public List<string> Replayed { get; } = new List<string>();

            public List<string> Rerun { get; } = new List<string>();

            public List<PrecisionReason> Reasons { get; } = new List<PrecisionReason>();
        }
    }
}
