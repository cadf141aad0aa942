using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfnResume.Definitions;
using SfnResume.GoTo;

namespace SfnResume.ResumeReady
{
    /// <summary>
    /// Resume-ready definitions: the GoTo form of a definition (its entry Choice, variable restore and replay
    /// twins, see <see cref="GoToRewriter"/>), deployed as the machine's own definition by a team's IaC. Ordinary
    /// input runs it exactly as the original, and a resume starts on the machine itself: no copy to create, no
    /// role to pass.
    /// <para>The form is a function of the definition's text: the same text gives the same bytes, so a pipeline
    /// can tell whether what is deployed is current. A deployed definition is recognised by its entry Choice
    /// (StartAt, commented "Added by SfnResume"); its original is the entry's Default and every state reachable
    /// from it (Step Functions refuses unreachable states, and the original's states never lead into the added
    /// ones), which holds whatever order a deployment tool wrote the members in. It is current when rewriting
    /// that original (or the source, when given) gives the deployed definition again, compared as JSON values, not
    /// as text. The rewrite depends on the order of states, which the jump Choice's rules keep for the top level;
    /// inside a Parallel or Map it is lost when a tool sorts members (Terraform's jsonencode), and such a
    /// definition is then recognised only against its source.</para>
    /// </summary>
    public static class ResumeReadyDefinitions
    {
        private const string AddedBySfnResume = "Added by SfnResume";

        /// <summary>The resume-ready form of <paramref name="definition"/>.</summary>
        /// <exception cref="DefinitionFormatException">Not a definition Step Functions would run, or its form would be over the 1 MB limit.</exception>
        public static string Make(string definition)
        {
            if (Inspect(definition).Status != ResumeReadyStatus.NotResumeReady)
            {
                throw new DefinitionFormatException("The definition is resume-ready already: its StartAt is the entry SfnResume adds. Make the resume-ready form from the original definition, the one your IaC keeps.");
            }

            return new GoToRewriter().Rewrite(definition).Definition;
        }

        /// <summary>
        /// Whether <paramref name="deployed"/> is resume-ready and current; with <paramref name="source"/> (the
        /// team's original definition), also whether it was made from that source.
        /// </summary>
        /// <exception cref="DefinitionFormatException">A definition that is not valid JSON or has no states.</exception>
        public static ResumeReadyInspection Inspect(string deployed, string? source = null)
        {
            var root = Parse(deployed);
            var states = root["States"] as JsonObject;
            var startAt = StateFields.Text(root, "StartAt");
            if (states == null || startAt == null || !(states[startAt] is JsonObject entry) || !IsEntry(entry, out var originalStart))
            {
                return new ResumeReadyInspection(ResumeReadyStatus.NotResumeReady, "Its StartAt is not the entry SfnResume adds: it is an ordinary definition, and a resume needs a GoTo copy.", null, null);
            }

            if (!states.ContainsKey(originalStart))
            {
                // SfnResume's entry, edited: it was made resume-ready once, so it is stale, not an ordinary definition.
                return new ResumeReadyInspection(ResumeReadyStatus.Stale, $"It has SfnResume's entry ('{startAt}'), but the entry's Default, '{originalStart}', names no state of it (edited by hand?), so where an ordinary run starts is not known. Make it again from the original definition and deploy that.", null, null);
            }

            var original = OriginalOf(root, states, originalStart);
            if (source != null)
            {
                return AgainstSource(root, original, source);
            }

            GoToDefinition remade;
            try
            {
                remade = new GoToRewriter().Rewrite(original);
            }
            catch (DefinitionFormatException e)
            {
                return new ResumeReadyInspection(ResumeReadyStatus.Stale, $"It has SfnResume's entry, but its original cannot be made resume-ready again: {e.Message}", original, null);
            }

            if (!JsonNode.DeepEquals(Parse(remade.Definition), root))
            {
                return new ResumeReadyInspection(ResumeReadyStatus.Stale, "It has SfnResume's entry, but it is not what this version of SfnResume makes of its original (made by another version, or edited by hand). Make it again from the original definition and deploy that.", original, null);
            }

            return new ResumeReadyInspection(ResumeReadyStatus.Current, "It is resume-ready, as this version of SfnResume makes it.", original, remade);
        }

        /// <summary>
        /// With the team's source: what this SfnResume makes of it, compared with what is deployed. Exact whatever
        /// order a deployment tool wrote members in, since arrays (where order matters) keep theirs.
        /// </summary>
        private static ResumeReadyInspection AgainstSource(JsonObject deployed, string original, string source)
        {
            var made = new GoToRewriter().Rewrite(source);
            if (JsonNode.DeepEquals(Parse(made.Definition), deployed))
            {
                return new ResumeReadyInspection(ResumeReadyStatus.Current, "It is the resume-ready form of the source, as this version of SfnResume makes it.", source, made);
            }

            if (!JsonNode.DeepEquals(Parse(source), Parse(original)))
            {
                return new ResumeReadyInspection(ResumeReadyStatus.OutOfDate, "It is resume-ready, but made from another definition than the source given: the source changed since. Make it again from the source and deploy that.", original, null);
            }

            return new ResumeReadyInspection(ResumeReadyStatus.Stale, "It has SfnResume's entry and the source's states, but it is not what this version of SfnResume makes of the source (made by another version, or edited by hand). Make it again from the source and deploy that.", original, null);
        }

        private static JsonObject Parse(string json)
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            }
            catch (JsonException e)
            {
                throw new DefinitionFormatException(Json.JsonSyntax.IsBlank(json) ? "The definition is empty." : $"The definition is not valid JSON: {Json.JsonSyntax.Describe(e, json)}.", e);
            }

            return node as JsonObject ?? throw new DefinitionFormatException("The definition is not a JSON object.");
        }

        /// <summary>The entry Choice SfnResume adds: commented as such, its Default the original's start.</summary>
        private static bool IsEntry(JsonObject state, out string originalStart)
        {
            originalStart = StateFields.Text(state, "Default") ?? string.Empty;
            return StateFields.Text(state, "Type") == "Choice" && IsAddedBySfnResume(state) && StateFields.Text(state, "Default") != null;
        }

        /// <summary>The original definition: its members, its start, and the top-level states reachable from it, in the deployed order.</summary>
        private static string OriginalOf(JsonObject root, JsonObject states, string originalStart)
        {
            var reachable = new HashSet<string>(StringComparer.Ordinal);
            var toVisit = new Stack<string>();
            toVisit.Push(originalStart);
            while (toVisit.Count > 0)
            {
                var name = toVisit.Pop();
                if (!reachable.Add(name) || !(states[name] is JsonObject state))
                {
                    continue;
                }

                foreach (var next in Transitions(state).Where(n => states.ContainsKey(n) && !reachable.Contains(n)))
                {
                    toVisit.Push(next);
                }
            }

            var order = TopLevelOrder(states, reachable);
            var original = new JsonObject();
            foreach (var member in root)
            {
                if (member.Key == "StartAt")
                {
                    original["StartAt"] = originalStart;
                }
                else if (member.Key == "States")
                {
                    var kept = new JsonObject();
                    foreach (var name in order)
                    {
                        kept[name] = states[name]?.DeepClone();
                    }

                    original["States"] = kept;
                }
                else
                {
                    original[member.Key] = member.Value?.DeepClone();
                }
            }

            return original.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }

        /// <summary>
        /// The original's top-level states in their original order, which the rewrite depends on: the jump Choice
        /// has one rule per top-level state in that order (straight to the state, or through a hand-over Pass), and
        /// arrays keep their order where a deployment tool rewrites objects (Terraform's jsonencode sorts members).
        /// </summary>
        private static List<string> TopLevelOrder(JsonObject states, HashSet<string> original)
        {
            var order = new List<string>();
            var jump = states.Select(s => s.Value).OfType<JsonObject>().FirstOrDefault(s => StateFields.Text(s, "Comment") == GoToRewriter.JumpComment);
            if (jump?["Choices"] is JsonArray rules)
            {
                foreach (var rule in rules.OfType<JsonObject>())
                {
                    var next = StateFields.Text(rule, "Next");
                    if (next != null && !original.Contains(next) && states[next] is JsonObject pass && IsHandOverPass(pass))
                    {
                        next = StateFields.Text(pass, "Next");
                    }

                    if (next != null && original.Contains(next) && !order.Contains(next))
                    {
                        order.Add(next);
                    }
                }
            }

            order.AddRange(states.Select(s => s.Key).Where(name => original.Contains(name) && !order.Contains(name)));
            return order;
        }

        /// <summary>A Pass SfnResume adds to hand a state its input (a twin, say of a Parallel, also has a Next, to the state after it).</summary>
        private static bool IsHandOverPass(JsonObject state)
            => StateFields.Text(state, "Type") == "Pass" && IsAddedBySfnResume(state) && StateFields.Text(state, "Next") != null;

        private static bool IsAddedBySfnResume(JsonObject state) => StateFields.Text(state, "Comment")?.StartsWith(AddedBySfnResume, StringComparison.Ordinal) == true;

        /// <summary>Where a top-level state can go: Next, a Choice's rules and Default, a catcher's Next.</summary>
        private static IEnumerable<string> Transitions(JsonObject state)
        {
            foreach (var key in new[] { "Next", "Default" })
            {
                if (StateFields.Text(state, key) is string next)
                {
                    yield return next;
                }
            }

            foreach (var list in new[] { "Choices", "Catch" })
            {
                if (state[list] is JsonArray items)
                {
                    foreach (var item in items.OfType<JsonObject>())
                    {
                        if (StateFields.Text(item, "Next") is string next)
                        {
                            yield return next;
                        }
                    }
                }
            }
        }
    }
}
