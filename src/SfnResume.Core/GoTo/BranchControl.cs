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
        private readonly bool jsonata;
        private readonly IReadOnlyCollection<string> variables;
        private readonly string replayPath;
        private readonly string replayExpression;
        private readonly string recorded;
        private readonly string? skipped;
        private readonly string jump;
        private readonly string run;
        private readonly string? restore;

        /// <param name="isMap">An item processor: a replay entry of 0 ends an iteration whose result the Map discards.</param>
        /// <param name="variables">The variables the branch's own states assign, restored before the jump.</param>
        /// <param name="replayPath">Where the branch's replay entry is, as a JSONPath over the branch input.</param>
        /// <param name="replayExpression">The same, as a JSONata expression.</param>
        public BranchControl(StateNames names, string controlBase, bool jsonata, bool isMap, IReadOnlyCollection<string> variables, string replayPath, string replayExpression)
        {
            this.names = names;
            this.controlBase = controlBase;
            this.jsonata = jsonata;
            this.variables = variables;
            this.replayPath = replayPath;
            this.replayExpression = replayExpression;
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
            var states = jsonata
                ? JsonAtaStates(replayExpression, restore ?? jump, startAt, targets, rename)
                : JsonPathStates(replayPath, restore ?? jump, startAt, targets, rename);
            if (restore != null)
            {
                states.Insert(1, Pair(restore, RestoreState()));
            }

            return states;
        }

        private List<KeyValuePair<string, JsonObject>> JsonPathStates(string p, string resume, string startAt, List<(string State, string? Twin)> targets, Func<string, string> rename)
        {
            var states = new List<KeyValuePair<string, JsonObject>>();
            var choices = new JsonArray();
            if (skipped != null)
            {
                choices.Add(new JsonObject
                {
                    ["And"] = new JsonArray(new JsonObject { ["Variable"] = p, ["IsNumeric"] = true }, new JsonObject { ["Variable"] = p, ["NumericEquals"] = 0 }),
                    ["Next"] = skipped,
                });
            }

            choices.Add(new JsonObject { ["Variable"] = p + ".output", ["IsPresent"] = true, ["Next"] = recorded });
            choices.Add(new JsonObject { ["Variable"] = p + ".state", ["IsPresent"] = true, ["Next"] = resume });
            states.Add(Pair(Start, new JsonObject
            {
                ["Type"] = "Choice",
                ["Comment"] = "Added by SfnResume: replays this branch's recorded output, resumes it at a state, or runs it.",
                ["Choices"] = choices,
                ["Default"] = run,
            }));
            states.Add(Pair(recorded, new JsonObject { ["Type"] = "Succeed", ["Comment"] = "Added by SfnResume: the output the failed run recorded.", ["InputPath"] = p + ".output" }));
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
                    var toTwin = names.Free(controlBase + "-resume");
                    rules.Add(new JsonObject
                    {
                        ["And"] = new JsonArray(new JsonObject { ["Variable"] = p + ".state", ["StringEquals"] = state }, new JsonObject { ["Variable"] = p + "." + TwinBuilder.ReplayKey, ["IsPresent"] = true }),
                        ["Next"] = toTwin,
                    });
                    passes.Add(Pair(toTwin, new JsonObject { ["Type"] = "Pass", ["Comment"] = $"Added by SfnResume: hands \"{state}\" its recorded input and what ran inside it.", ["InputPath"] = p, ["Next"] = twin }));
                }

                var toCopy = names.Free(controlBase + "-resume");
                rules.Add(new JsonObject { ["Variable"] = p + ".state", ["StringEquals"] = state, ["Next"] = toCopy });
                passes.Add(Pair(toCopy, new JsonObject { ["Type"] = "Pass", ["Comment"] = $"Added by SfnResume: hands \"{state}\" its recorded input.", ["InputPath"] = p + ".input", ["Next"] = rename(state) }));
            }

            states.Add(Pair(jump, new JsonObject { ["Type"] = "Choice", ["Comment"] = "Added by SfnResume: goes to the state this branch resumes at.", ["Choices"] = rules, ["Default"] = run }));
            states.AddRange(passes);
            states.Add(Pair(run, new JsonObject { ["Type"] = "Pass", ["Comment"] = "Added by SfnResume: runs this branch from its start, as the original would.", ["InputPath"] = "$." + InputRebase.InputKey, ["Next"] = startAt }));
            return states;
        }

        private List<KeyValuePair<string, JsonObject>> JsonAtaStates(string e, string resume, string startAt, List<(string State, string? Twin)> targets, Func<string, string> rename)
        {
            var states = new List<KeyValuePair<string, JsonObject>>();
            var choices = new JsonArray();
            if (skipped != null)
            {
                choices.Add(new JsonObject { ["Condition"] = $"{{% $type({e}) = 'number' and {e} = 0 %}}", ["Next"] = skipped });
            }

            choices.Add(new JsonObject { ["Condition"] = $"{{% $exists({e}.output) %}}", ["Output"] = $"{{% {e}.output %}}", ["Next"] = recorded });
            choices.Add(new JsonObject { ["Condition"] = $"{{% $exists({e}.state) %}}", ["Next"] = resume });
            states.Add(Pair(Start, new JsonObject
            {
                ["Type"] = "Choice",
                ["Comment"] = "Added by SfnResume: replays this branch's recorded output, resumes it at a state, or runs it.",
                ["Choices"] = choices,
                ["Default"] = run,
            }));
            states.Add(Pair(recorded, new JsonObject { ["Type"] = "Succeed", ["Comment"] = "Added by SfnResume: the output the failed run recorded." }));
            if (skipped != null)
            {
                states.Add(Pair(skipped, new JsonObject { ["Type"] = "Succeed", ["Comment"] = "Added by SfnResume: this iteration succeeded before, and the Map discards its result." }));
            }

            var rules = new JsonArray();
            foreach (var (state, twin) in targets)
            {
                var name = GoToRewriter.JsonAtaString(state);
                if (twin != null)
                {
                    rules.Add(new JsonObject { ["Condition"] = $"{{% {e}.state = {name} and $exists({e}.{TwinBuilder.ReplayKey}) %}}", ["Output"] = $"{{% {e} %}}", ["Next"] = twin });
                }

                rules.Add(new JsonObject { ["Condition"] = $"{{% {e}.state = {name} %}}", ["Output"] = $"{{% {e}.input %}}", ["Next"] = rename(state) });
            }

            states.Add(Pair(jump, new JsonObject { ["Type"] = "Choice", ["Comment"] = "Added by SfnResume: goes to the state this branch resumes at.", ["Choices"] = rules, ["Default"] = run }));
            states.Add(Pair(run, new JsonObject { ["Type"] = "Pass", ["Comment"] = "Added by SfnResume: runs this branch from its start, as the original would.", ["Output"] = $"{{% $states.input.{InputRebase.InputKey} %}}", ["Next"] = startAt }));
            return states;
        }

        /// <summary>
        /// Restores the branch's own variables, as the failed run had them when the resumed state was entered:
        /// the states the jump skips would have assigned them.
        /// </summary>
        private JsonObject RestoreState()
        {
            var assign = new JsonObject();
            foreach (var name in variables)
            {
                if (jsonata)
                {
                    var value = $"{replayExpression}.variables.{GoToRewriter.JsonAtaName(name)}";
                    assign[name] = $"{{% $exists({value}) ? {value} : null %}}";
                }
                else
                {
                    assign[name + ".$"] = $"{replayPath}.variables.{GoToRewriter.JsonPathName(name)}";
                }
            }

            return new JsonObject
            {
                ["Type"] = "Pass",
                ["Comment"] = "Added by SfnResume: restores the variables this branch had assigned before the state it resumes at.",
                ["Assign"] = assign,
                ["Next"] = jump,
            };
        }

        private static KeyValuePair<string, JsonObject> Pair(string name, JsonObject body) => new KeyValuePair<string, JsonObject>(name, body);
    }
}
