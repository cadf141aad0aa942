using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace SfnResume.GoTo
{
    /// <summary>
    /// Which Parallel and Map states can have a replay twin, and why not: the reason goes to
    /// <see cref="GoToDefinition.Untwinned"/>, and a resume through such a container re-runs it whole.
    /// </summary>
    internal sealed class TwinEligibility
    {
        private const string NotWritten = "its branches are not written as Step Functions requires";
        private const string Dangling = "a transition in it names a state that does not exist";

        private readonly QueryDialect dialect;

        public TwinEligibility(QueryDialect dialect)
        {
            this.dialect = dialect;
        }

        /// <summary>
        /// Why a top-level container, with everything inside it, cannot have a twin, or null. Its branches are
        /// checked once, here, for being copyable under new names; the containers inside are asked
        /// <see cref="WhyNot"/> as the twin is built.
        /// </summary>
        /// <param name="topLevel">The top-level state names, which the container's transitions must name.</param>
        public string? WhyNotTopLevel(JsonObject container, IReadOnlyCollection<string> topLevel) =>
            Malformed(container, new HashSet<string>(topLevel, System.StringComparer.Ordinal));

        /// <summary>Why a container cannot have a twin, or null.</summary>
        /// <param name="distributed">A top-level Distributed Map, whose twin reads SfnResume's item file (<see cref="DistributedTwin"/>): its own ItemReader is no obstacle.</param>
        public string? WhyNot(JsonObject container, bool distributed = false)
        {
            if (distributed)
            {
                return DistributedTwin.WhyNot(container, dialect) ?? WhyNotAny(container);
            }

            if (container["ItemReader"] != null)
            {
                return "it reads its items with an ItemReader, so they are not in its input";
            }

            if (container["ItemBatcher"] != null)
            {
                return "it hands its items over in batches (ItemBatcher)";
            }

            if (container["ItemProcessor"] is JsonObject processor && processor["ProcessorConfig"] is JsonObject config && StateFields.Text(config, "Mode") == "DISTRIBUTED")
            {
                return "it is a Distributed Map inside a Parallel or Map: only a top-level Distributed Map has a replay copy";
            }

            return WhyNotAny(container);
        }

        private string? WhyNotAny(JsonObject container)
        {
            if (StateFields.Text(container, "QueryLanguage") is string language && language != dialect.QueryLanguage)
            {
                return $"it sets its own QueryLanguage ({language})";
            }

            if (dialect.WhyInputCannotBeWrapped(container) is string why)
            {
                return why;
            }

            var hasStates = container["Branches"] is JsonArray branches ? branches.Count > 0 && branches.All(b => b is JsonObject o && o["States"] is JsonObject)
                : (container["ItemProcessor"] ?? container["Iterator"]) is JsonObject p && p["States"] is JsonObject;
            return hasStates ? null : "it has no branch or item processor to copy";
        }

        /// <summary>
        /// Why a container cannot be copied under new names, or null: every state inside must be an object whose
        /// Next, Default, Choice rules and catchers name states of its own States object, and every branch must
        /// have a StartAt among its States. Step Functions rejects anything else, so such a definition keeps its
        /// whole-state resume and the rewrite never fails on it.
        /// </summary>
        private static string? Malformed(JsonObject state, HashSet<string> siblings)
        {
            var targets = new List<string?>();
            foreach (var key in new[] { "Next", "Default" })
            {
                if (state.ContainsKey(key))
                {
                    targets.Add(StateFields.Text(state, key));
                }
            }

            foreach (var listName in new[] { "Choices", "Catch" })
            {
                if (state.ContainsKey(listName))
                {
                    if (!(state[listName] is JsonArray list) || list.Any(item => !(item is JsonObject rule) || StateFields.Text(rule, "Next") == null))
                    {
                        return NotWritten;
                    }

                    targets.AddRange(list.Select(rule => StateFields.Text((JsonObject)rule!, "Next")!));
                }
            }

            if (targets.Any(t => t == null))
            {
                return NotWritten;
            }

            if (targets.Any(t => !siblings.Contains(t!)))
            {
                return Dangling;
            }

            var branches = new List<JsonNode?>();
            if (state.ContainsKey("Branches"))
            {
                if (!(state["Branches"] is JsonArray array))
                {
                    return NotWritten;
                }

                branches.AddRange(array);
            }

            branches.AddRange(new[] { "ItemProcessor", "Iterator" }.Where(state.ContainsKey).Select(processor => state[processor]));
            foreach (var node in branches)
            {
                if (!(node is JsonObject branch) || !(branch["States"] is JsonObject states) || StateFields.Text(branch, "StartAt") is not string start || states.Any(s => !(s.Value is JsonObject)))
                {
                    return NotWritten;
                }

                if (!states.ContainsKey(start))
                {
                    return Dangling;
                }

                var names = new HashSet<string>(states.Select(s => s.Key), System.StringComparer.Ordinal);
                if (states.Select(s => Malformed((JsonObject)s.Value!, names)).FirstOrDefault(why => why != null) is string why)
                {
                    return why;
                }
            }

            return null;
        }
    }
}
