using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace SfnResume.GoTo
{
    /// <summary>
    /// The added states at the start of a twin's branch or item processor: the replay Choice, the Succeed
    /// states that end a replayed branch, the restore of the branch's variables, the jump to the state it
    /// resumes at (one rule per state of the branch) and the Pass that runs it from its start.
    /// </summary>
    internal sealed class BranchControl
    {
        private readonly StateNames names;
        private readonly string controlBase;
        private readonly QueryDialect dialect;
        private readonly IReadOnlyCollection<string> variables;
        private readonly string replay;
        private readonly string recorded;
        private readonly string? skipped;
        private readonly string jump;
        private readonly string run;
        private readonly string? restore;

        /// <param name="isMap">An item processor: a replay entry of 0 ends an iteration whose result the Map discards.</param>
        /// <param name="variables">The variables the branch's own states assign, restored before the jump.</param>
        /// <param name="replay">Where the branch's replay entry is in the branch input (a location, see <see cref="QueryDialect"/>).</param>
        public BranchControl(StateNames names, string controlBase, QueryDialect dialect, bool isMap, IReadOnlyCollection<string> variables, string replay)
        {
            this.names = names;
            this.controlBase = controlBase;
            this.dialect = dialect;
            this.variables = variables;
            this.replay = replay;

            // Taken now, in this order, so that the names in a copy never change.
            Start = names.Free(controlBase + "-replay");
            recorded = names.Free(controlBase + "-recorded");
            skipped = isMap ? names.Free(controlBase + "-discarded") : null;
            jump = names.Free(controlBase + "-jump");
            run = names.Free(controlBase + "-run");
            restore = variables.Count > 0 ? names.Free(controlBase + "-restore") : null;
        }

        /// <summary>The replay Choice: the branch's StartAt.</summary>
        public string Start { get; }

        /// <param name="startAt">The (renamed) first state of the branch.</param>
        /// <param name="targets">Each state of the branch, with its twin when it has one.</param>
        /// <param name="rename">An original state's name to its copy's.</param>
        public List<KeyValuePair<string, JsonObject>> States(string startAt, List<(string State, string? Twin)> targets, Func<string, string> rename)
        {
            var states = new List<KeyValuePair<string, JsonObject>>();
            var choices = new JsonArray();
            if (skipped != null)
            {
                choices.Add(dialect.DiscardedRule(replay, skipped));
            }

            var (recordedRule, recordedState) = dialect.RecordedOutput(replay, recorded, "Added by SfnResume: the output the failed run recorded.");
            choices.Add(recordedRule);
            choices.Add(dialect.ResumeAtRule(replay, restore ?? jump));
            states.Add(Pair(Start, new JsonObject
            {
                ["Type"] = "Choice",
                ["Comment"] = "Added by SfnResume: replays this branch's recorded output, resumes it at a state, or runs it.",
                ["Choices"] = choices,
                ["Default"] = run,
            }));
            if (restore != null)
            {
                states.Add(Pair(restore, RestoreState()));
            }

            states.Add(Pair(recorded, recordedState));
            if (skipped != null)
            {
                states.Add(Pair(skipped, new JsonObject { ["Type"] = "Succeed", ["Comment"] = "Added by SfnResume: this iteration succeeded before, and the Map discards its result." }));
            }

            var rules = new JsonArray();
            var passes = new List<KeyValuePair<string, JsonObject>>();
            foreach (var (state, twin) in targets)
            {
                if (twin != null)
                {
                    var toTwin = dialect.HandOverPassName(names, controlBase + "-resume");
                    rules.Add(dialect.JumpRule(replay, state, withReplay: true, twin, toTwin, $"hands \"{state}\" its recorded input and what ran inside it.", passes));
                }

                var toCopy = dialect.HandOverPassName(names, controlBase + "-resume");
                rules.Add(dialect.JumpRule(replay, state, withReplay: false, rename(state), toCopy, $"hands \"{state}\" its recorded input.", passes));
            }

            states.Add(Pair(jump, new JsonObject { ["Type"] = "Choice", ["Comment"] = "Added by SfnResume: goes to the state this branch resumes at.", ["Choices"] = rules, ["Default"] = run }));
            states.AddRange(passes);
            states.Add(Pair(run, dialect.HandOver("Added by SfnResume: runs this branch from its start, as the original would.", InputRebase.InputKey, startAt)));
            return states;
        }

        /// <summary>
        /// Restores the branch's own variables, as the failed run had them when the resumed state was entered:
        /// the states the jump skips would have assigned them.
        /// </summary>
        private JsonObject RestoreState() => new JsonObject
        {
            ["Type"] = "Pass",
            ["Comment"] = "Added by SfnResume: restores the variables this branch had assigned before the state it resumes at.",
            ["Assign"] = dialect.RestoreVariables(variables, replay),
            ["Next"] = jump,
        };

        private static KeyValuePair<string, JsonObject> Pair(string name, JsonObject body) => new KeyValuePair<string, JsonObject>(name, body);
    }
}
