using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using SfnResume.Definitions;

namespace SfnResume.GoTo
{
    /// <summary>
    /// Everything the GoTo copy writes differently in JSONPath and JSONata: how a Choice rule tests the input,
    /// how a state is handed the input it resumes with, how variables are restored, and how a twin's fields
    /// are moved onto its wrapped input. The copy's shape (which states, in which order, under which names)
    /// is decided once, by <see cref="GoToRewriter"/>, <see cref="TwinBuilder"/> and <see cref="BranchControl"/>.
    /// <para>A <c>location</c> is where data sits in a state's input, as member steps:
    /// <c>resuming</c>, <c>replay.branches[1]</c>.</para>
    /// </summary>
    internal abstract class QueryDialect
    {
        protected const string Added = "Added by SfnResume: ";

        /// <summary>The dialect of a definition's (or a state's) QueryLanguage; JSONPath is the default.</summary>
        public static QueryDialect For(string queryLanguage) => queryLanguage == StateMachineDefinition.JsonAta ? new JsonAtaDialect() : new JsonPathDialect();

        /// <summary>The QueryLanguage value this dialect writes.</summary>
        public abstract string QueryLanguage { get; }

        /// <summary>
        /// The copy's first rules: input carrying a resuming object with a state (and, when variables are restored,
        /// their values) goes on to <paramref name="restore"/>, or to <paramref name="jump"/> when there is none.
        /// </summary>
        public abstract JsonArray EntryRules(string location, string? restore, string jump);

        /// <summary>An Assign that sets each variable to its value under <paramref name="location"/>.variables (null when missing).</summary>
        public abstract JsonObject RestoreVariables(IEnumerable<string> variables, string location);

        /// <summary>
        /// A name for the Pass that hands a resumed state its input after a jump rule, taken from
        /// <paramref name="names"/> now; null when the rule itself hands the input over.
        /// </summary>
        public abstract string? HandOverPassName(StateNames names, string wanted);

        /// <summary>
        /// The jump rule to <paramref name="target"/> when the input at <paramref name="location"/> names
        /// <paramref name="state"/> (and, with <paramref name="withReplay"/>, carries replay data, which the
        /// target, a twin, is then handed with the input); otherwise the target is handed only the recorded input.
        /// A Pass it needs for that (named <paramref name="passName"/>, and saying <paramref name="purpose"/>)
        /// goes to <paramref name="passes"/>.
        /// </summary>
        public abstract JsonObject JumpRule(string location, string state, bool withReplay, string target, string? passName, string purpose, ICollection<KeyValuePair<string, JsonObject>> passes);

        /// <summary>A rule to <paramref name="next"/> when the replay entry at <paramref name="location"/> is 0: an iteration whose result the Map discards.</summary>
        public abstract JsonObject DiscardedRule(string location, string next);

        /// <summary>
        /// A rule to <paramref name="recorded"/> when the entry at <paramref name="location"/> has a recorded
        /// output, and the Succeed state that ends the branch with that output.
        /// </summary>
        public abstract (JsonObject Rule, JsonObject State) RecordedOutput(string location, string recorded, string comment);

        /// <summary>A rule to <paramref name="next"/> when the entry at <paramref name="location"/> names a state to resume at.</summary>
        public abstract JsonObject ResumeAtRule(string location, string next);

        /// <summary>A Pass that hands <paramref name="next"/> the value at <paramref name="location"/> as its input.</summary>
        public abstract JsonObject HandOver(string comment, string location, string next);

        /// <summary>Why a container's input cannot be wrapped for its twin in this language, or null.</summary>
        public abstract string? WhyInputCannotBeWrapped(JsonObject container);

        /// <summary>
        /// Copies one field of <paramref name="original"/> (not Next, its branches or its catchers) onto its twin,
        /// reading the wrapped input where the original reads its input; a field that reads the input into the
        /// state is left for <see cref="WrapInput"/>.
        /// </summary>
        public abstract void CopyField(JsonObject original, string key, JsonObject twin);

        /// <summary>The twin's fields that take its input: the original's input from the wrapped one, and the replay data beside it.</summary>
        public abstract void WrapInput(JsonObject original, JsonObject twin, bool isMap);

        /// <summary>
        /// The twin's catchers, to the renamed targets: the error output must reach each target as the original's
        /// catcher would hand it over. A Pass this needs (named by <paramref name="newPassName"/>) goes to <paramref name="added"/>.
        /// </summary>
        public abstract JsonArray Catchers(JsonArray catchers, Func<string, string> rename, Func<string> newPassName, ICollection<KeyValuePair<string, JsonObject>> added);

        protected static KeyValuePair<string, JsonObject> Pair(string name, JsonObject body) => new KeyValuePair<string, JsonObject>(name, body);
    }
}
