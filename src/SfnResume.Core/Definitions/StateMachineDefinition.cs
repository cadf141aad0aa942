using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SfnResume.Json;

namespace SfnResume.Definitions
{
    /// <summary>
    /// The parts of an Amazon States Language definition that locating a failure needs: every state by its
    /// (machine-wide unique) name with its place in the tree, the top-level states in order, the query
    /// language, and the variables top-level states assign.
    /// </summary>
    public sealed class StateMachineDefinition
    {
        public const string JsonPath = "JSONPath";
        public const string JsonAta = "JSONata";

        private readonly Dictionary<string, StateInfo> states;
        private readonly Dictionary<(string Container, int? Branch), SortedSet<string>> scopeVariables;

        private StateMachineDefinition(string startAt, string queryLanguage, Dictionary<string, StateInfo> states, IReadOnlyList<string> topLevelStates, IReadOnlyCollection<string> topLevelVariables, Dictionary<(string, int?), SortedSet<string>> scopeVariables)
        {
            this.scopeVariables = scopeVariables;
            StartAt = startAt;
            QueryLanguage = queryLanguage;
            this.states = states;
            TopLevelStates = topLevelStates;
            TopLevelVariables = topLevelVariables;
        }

        public string StartAt { get; }

        /// <summary>JSONPath (the default) or JSONata, from the top-level <c>QueryLanguage</c>.</summary>
        public string QueryLanguage { get; }

        /// <summary>Top-level state names in definition order: the states a Choice at the top can jump to.</summary>
        public IReadOnlyList<string> TopLevelStates { get; }

        /// <summary>Variable names assigned at the top level (by states, Choice rules and catchers).</summary>
        public IReadOnlyCollection<string> TopLevelVariables { get; }

        /// <summary>Whether a Map of the definition, at any depth, runs in DISTRIBUTED mode: its iterations are child executions of a Map Run.</summary>
        public bool HasDistributedMap { get; private set; }

        public IEnumerable<StateInfo> AllStates => states.Values;

        public StateInfo? Find(string name) => states.TryGetValue(name, out var state) ? state : null;

        /// <summary>How many branches a Parallel state has (those with states; ASL requires states in each).</summary>
        public int BranchCountOf(StateInfo parallel) => states.Values.Where(s => s.Container == parallel && s.BranchIndex != null).Select(s => s.BranchIndex!.Value + 1).DefaultIfEmpty(0).Max();

        /// <summary>Variable names the states directly inside a Parallel branch (or a Map's item processor, <paramref name="branch"/> null) assign: that scope's own variables.</summary>
        public IReadOnlyCollection<string> VariablesIn(string container, int? branch) =>
            scopeVariables.TryGetValue((container, branch), out var names) ? names : (IReadOnlyCollection<string>)Array.Empty<string>();

        /// <summary>The states directly inside a Parallel branch (<paramref name="branch"/>) or a Map's item processor (null).</summary>
        public IEnumerable<StateInfo> ChildrenOf(StateInfo container, int? branch) => states.Values.Where(s => s.Container == container && s.BranchIndex == branch);

        /// <summary>The definition, or null when the text is not one (a definition that only explains, never decides).</summary>
        public static StateMachineDefinition? TryParse(string json)
        {
            try
            {
                return Parse(json);
            }
            catch (DefinitionFormatException)
            {
                return null;
            }
        }

        /// <exception cref="DefinitionFormatException">The text is not a state machine definition.</exception>
        public static StateMachineDefinition Parse(string json)
        {
            try
            {
                return ParseDocument(json);
            }
            catch (Exception e) when (DefinitionFormatException.IsInvalidUnicode(e))
            {
                throw DefinitionFormatException.InvalidUnicode(e);
            }
        }

        /// <summary>A Map whose ItemProcessor (or Iterator) has ProcessorConfig.Mode DISTRIBUTED, among these states or inside them.</summary>
        private static bool HasDistributed(JsonElement states)
        {
            foreach (var state in states.EnumerateObject())
            {
                if (state.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var inner in new[] { "ItemProcessor", "Iterator" })
                {
                    if (state.Value.TryGetProperty(inner, out var processor) && processor.ValueKind == JsonValueKind.Object)
                    {
                        if (processor.TryGetProperty("ProcessorConfig", out var config) && config.ValueKind == JsonValueKind.Object
                            && config.TryGetProperty("Mode", out var mode) && mode.ValueKind == JsonValueKind.String && mode.GetString() == "DISTRIBUTED")
                        {
                            return true;
                        }

                        if (processor.TryGetProperty("States", out var nested) && nested.ValueKind == JsonValueKind.Object && HasDistributed(nested))
                        {
                            return true;
                        }
                    }
                }

                if (state.Value.TryGetProperty("Branches", out var branches) && branches.ValueKind == JsonValueKind.Array
                    && branches.EnumerateArray().Any(b => b.ValueKind == JsonValueKind.Object && b.TryGetProperty("States", out var branchStates) && branchStates.ValueKind == JsonValueKind.Object && HasDistributed(branchStates)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>What a saved history looks like: {"events": [...]} as GetExecutionHistory answers, or an array of events.</summary>
        private static bool IsHistory(JsonElement root)
        {
            var events = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("events", out var member) ? member : root;
            return events.ValueKind == JsonValueKind.Array
                && events.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first
                && first.TryGetProperty("type", out _) && first.TryGetProperty("id", out _);
        }

        private static StateMachineDefinition ParseDocument(string json)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            }
            catch (JsonException e)
            {
                throw new DefinitionFormatException(JsonSyntax.IsBlank(json) ? "The definition is empty." : $"The definition is not valid JSON: {JsonSyntax.Describe(e, json)}.", e);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("States", out var topStates) || topStates.ValueKind != JsonValueKind.Object)
                {
                    throw IsHistory(root) ? DefinitionFormatException.History() : new DefinitionFormatException("The definition has no \"States\" object; it is not an Amazon States Language state machine.");
                }

                // JSON allows a member twice and readers disagree on which one counts; AWS rejects it.
                var repeated = root.EnumerateObject().GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                if (repeated != null)
                {
                    throw new DefinitionFormatException($"The definition has \"{repeated.Key}\" more than once.");
                }

                var startAt = root.TryGetProperty("StartAt", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : string.Empty;
                var queryLanguage = JsonPath;
                if (root.TryGetProperty("QueryLanguage", out var q))
                {
                    queryLanguage = q.ValueKind == JsonValueKind.String && (q.GetString() == JsonPath || q.GetString() == JsonAta)
                        ? q.GetString()!
                        : throw new DefinitionFormatException($"QueryLanguage is {q.GetRawText()}; Step Functions accepts \"JSONPath\" or \"JSONata\" (exactly so written).");
                }

                var byName = new Dictionary<string, StateInfo>(StringComparer.Ordinal);
                var scopes = new Dictionary<(string, int?), SortedSet<string>>();
                Collect(topStates, container: null, branchIndex: null, byName, scopes);
                var topLevel = topStates.EnumerateObject().Select(p => p.Name).ToList();
                var variables = new HashSet<string>(StringComparer.Ordinal);
                foreach (var state in topStates.EnumerateObject())
                {
                    CollectAssignedNames(state.Value, variables);
                }

                return new StateMachineDefinition(startAt, queryLanguage, byName, topLevel, variables, scopes) { HasDistributedMap = HasDistributed(topStates) };
            }
        }

        private static void Collect(JsonElement statesObject, StateInfo? container, int? branchIndex, Dictionary<string, StateInfo> byName, Dictionary<(string, int?), SortedSet<string>> scopes)
        {
            foreach (var property in statesObject.EnumerateObject())
            {
                var body = property.Value;
                var type = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("Type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : string.Empty;
                var next = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("Next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                var discards = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("ResultPath", out var resultPath) && resultPath.ValueKind == JsonValueKind.Null;
                var state = new StateInfo(property.Name, type, container, branchIndex, next, discards);
                if (byName.ContainsKey(property.Name))
                {
                    // Names are unique across the whole machine, nested scopes included (DUPLICATE_STATE_NAME).
                    throw new DefinitionFormatException($"The state name '{property.Name}' is used more than once; Step Functions requires every state name to be unique in the whole state machine.");
                }

                byName[property.Name] = state;
                if (body.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (container != null)
                {
                    var scope = (container.Name, branchIndex);
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    CollectAssignedNames(body, names);
                    if (names.Count > 0)
                    {
                        if (!scopes.TryGetValue(scope, out var known))
                        {
                            scopes[scope] = known = new SortedSet<string>(StringComparer.Ordinal);
                        }

                        known.UnionWith(names);
                    }
                }

                if (body.TryGetProperty("Branches", out var branches) && branches.ValueKind == JsonValueKind.Array)
                {
                    var index = 0;
                    foreach (var branch in branches.EnumerateArray())
                    {
                        if (branch.ValueKind == JsonValueKind.Object && branch.TryGetProperty("States", out var branchStates) && branchStates.ValueKind == JsonValueKind.Object)
                        {
                            Collect(branchStates, state, index, byName, scopes);
                        }

                        index++;
                    }
                }

                foreach (var processorName in new[] { "ItemProcessor", "Iterator" })
                {
                    if (body.TryGetProperty(processorName, out var processor) && processor.ValueKind == JsonValueKind.Object
                        && processor.TryGetProperty("States", out var processorStates) && processorStates.ValueKind == JsonValueKind.Object)
                    {
                        Collect(processorStates, state, null, byName, scopes);
                    }
                }
            }
        }

        /// <summary>Assign blocks on the state itself, on its Choice rules and on its catchers; not inside branches.</summary>
        private static void CollectAssignedNames(JsonElement state, HashSet<string> names)
        {
            if (state.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            AddAssignKeys(state, names);
            foreach (var listName in new[] { "Choices", "Catch" })
            {
                if (state.TryGetProperty(listName, out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in list.EnumerateArray())
                    {
                        AddAssignKeys(item, names);
                    }
                }
            }
        }

        private static void AddAssignKeys(JsonElement holder, HashSet<string> names)
        {
            if (holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty("Assign", out var assign) && assign.ValueKind == JsonValueKind.Object)
            {
                foreach (var variable in assign.EnumerateObject())
                {
                    // JSONPath writes "name.$" for a path-valued assignment; the variable is "name".
                    names.Add(variable.Name.EndsWith(".$", StringComparison.Ordinal) ? variable.Name.Substring(0, variable.Name.Length - 2) : variable.Name);
                }
            }
        }
    }
}
