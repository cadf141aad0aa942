using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfnResume.Definitions;

namespace SfnResume.GoTo
{
    /// <summary>Everything the GoTo copy is written from: the original, the names of the added states, and the twins.</summary>
    internal sealed class CopyParts
    {
        public CopyParts(JsonElement root, StateMachineDefinition definition, string choiceName, string? restoreName, string jumpName, List<string> targets, Dictionary<string, string> passNames, List<string> variables, QueryDialect dialect)
        {
            Root = root;
            Definition = definition;
            ChoiceName = choiceName;
            RestoreName = restoreName;
            JumpName = jumpName;
            Targets = targets;
            PassNames = passNames;
            Variables = variables;
            Dialect = dialect;
        }

        public JsonElement Root { get; }

        public StateMachineDefinition Definition { get; }

        public string ChoiceName { get; }

        public string? RestoreName { get; }

        public string JumpName { get; }

        public List<string> Targets { get; }

        /// <summary>The Pass that hands each top-level state its recorded input, where the dialect needs one.</summary>
        public Dictionary<string, string> PassNames { get; }

        public List<string> Variables { get; }

        public QueryDialect Dialect { get; }

        /// <summary>Top-level container to the Pass that unwraps the resuming input for its twin, where the dialect needs one.</summary>
        public Dictionary<string, string> TwinPasses { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The top-level twins and the states they need beside them.</summary>
        public List<KeyValuePair<string, JsonObject>> TwinStates { get; } = new List<KeyValuePair<string, JsonObject>>();

        /// <summary>Top-level container to its twin.</summary>
        public Dictionary<string, string> Twins { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Every container, at any depth, that has a twin.</summary>
        public Dictionary<string, string> AllTwins { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Every state the twins hold under a new name (the twins themselves included), with its original's name.</summary>
        public Dictionary<string, string> Originals { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Containers without a twin, and why.</summary>
        public Dictionary<string, string> Untwinned { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Drops every twin: the copy then resumes only at top-level states, as before twins existed.</summary>
        public void WithoutTwins()
        {
            TwinPasses.Clear();
            TwinStates.Clear();
            Twins.Clear();
        }
    }
}
