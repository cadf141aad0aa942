using System;
using System.Collections.Generic;

namespace SfnResume.GoTo
{
    /// <summary>A rewritten definition and what it accepts.</summary>
    public sealed class GoToDefinition
    {
        public GoToDefinition(string definition, string choiceState, IReadOnlyList<string> addedStates, IReadOnlyList<string> targets, IReadOnlyList<string> variables, string queryLanguage)
        {
            Definition = definition;
            ChoiceState = choiceState;
            AddedStates = addedStates;
            Targets = targets;
            Variables = variables;
            QueryLanguage = queryLanguage;
        }

        /// <summary>The GoTo copy's definition (JSON).</summary>
        public string Definition { get; }

        /// <summary>The name of the added Choice state, the copy's StartAt.</summary>
        public string ChoiceState { get; }

        /// <summary>Every state the copy adds to the original, the Choice first.</summary>
        public IReadOnlyList<string> AddedStates { get; }

        /// <summary>The top-level states the copy can resume at.</summary>
        public IReadOnlyList<string> Targets { get; }

        /// <summary>The top-level variables a resuming input restores.</summary>
        public IReadOnlyList<string> Variables { get; }

        public string QueryLanguage { get; }

        /// <summary>Top-level Parallel and Map states with a replay twin: a resume inside them re-runs only what failed.</summary>
        public IReadOnlyDictionary<string, string> Twins { get; internal set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Parallel and Map states (any depth) without a twin, and why: a resume inside them re-runs them whole.</summary>
        public IReadOnlyDictionary<string, string> Untwinned { get; internal set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>
        /// The states the copy holds under new names (twins, and the states copied into them), each with the
        /// original state's name: a resumed run that failed inside a twin is resumed again in the original's terms.
        /// </summary>
        public IReadOnlyDictionary<string, string> OriginalNames { get; internal set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The twins (any depth), which are entered with the original's input wrapped beside their replay data.</summary>
        public IReadOnlyCollection<string> TwinNames { get; internal set; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>
        /// The top-level Distributed Maps among <see cref="Twins"/>: their twins run the items listed in an item file
        /// (<see cref="Distributed.DistributedResumePlanner"/>), not replay data carried in the input.
        /// </summary>
        public IReadOnlyCollection<string> DistributedTwins { get; internal set; } = Array.Empty<string>();
    }
}
