using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfnResume.Aws.Model;
using SfnResume.Aws.Serialization;

namespace SfnResume.Preflight
{
    /// <summary>
    /// The resume state as TestState is asked to run it: found in its definition by name (at any depth), and
    /// with a stand-in result when it would call something. AWS takes a mock only from Task, Map and Parallel
    /// states, and needs one for Map, Parallel, Activity, <c>.sync</c> and <c>.waitForTaskToken</c> states; a
    /// Task with a mock needs no role. Pass, Choice, Wait, Succeed and Fail states run as they are: they call
    /// nothing.
    /// </summary>
    internal sealed class StateUnderTest
    {
        /// <summary>The fields that work on a state's result (JSONPath and JSONata): with a stand-in result they prove little.</summary>
        private static readonly string[] ResultProcessing = { "ResultSelector", "ResultPath", "OutputPath", "Output", "Assign" };

        private readonly JsonNode root;
        private readonly JsonObject state;

        private StateUnderTest(JsonNode root, JsonObject state, string name, string type, string? standInResult)
        {
            this.root = root;
            this.state = state;
            Name = name;
            Type = type;
            StandInResult = standInResult;
        }

        public string Name { get; }

        public string Type { get; }

        /// <summary>The mocked result: <c>{}</c> for a Task, one <c>{}</c> per branch for a Parallel, <c>[]</c> for a Map (<c>{}</c> with a ResultWriter); null for a state that calls nothing.</summary>
        public string? StandInResult { get; }

        /// <summary>Whether a failure can lie in the state's result processing, which works on the stand-in result.</summary>
        public bool ProcessesItsResult => StandInResult != null && ResultProcessing.Any(state.ContainsKey);

        /// <summary>The state of <paramref name="subject"/>, or why TestState cannot be asked about it.</summary>
        public static StateUnderTest? Find(PreflightSubject subject, out PreflightOutcome? notTestable)
        {
            notTestable = null;
            JsonNode? root;
            try
            {
                root = JsonNode.Parse(subject.Definition);
            }
            catch (JsonException e)
            {
                notTestable = PreflightOutcome.NotTestable(subject.StateName, PreflightCodes.StateNotFound, $"The definition is not JSON ({Json.JsonSyntax.Describe(e, subject.Definition)}).");
                return null;
            }

            var state = root is JsonObject machine ? FindIn(machine, subject.StateName) : null;
            if (state == null)
            {
                notTestable = PreflightOutcome.NotTestable(subject.StateName, PreflightCodes.StateNotFound, $"The definition has no state '{subject.StateName}'.");
                return null;
            }

            var type = state["Type"]?.GetValueKind() == JsonValueKind.String ? state["Type"]!.GetValue<string>() : string.Empty;
            if (type == "Map" && state.ContainsKey("ItemReader"))
            {
                notTestable = PreflightOutcome.NotTestable(subject.StateName, PreflightCodes.ItemReader,
                    $"'{subject.StateName}' is a Map that reads its items with an ItemReader; the preflight reads nothing from S3, so it cannot give TestState those items.");
                return null;
            }

            return new StateUnderTest(root!, state, subject.StateName, type, StandInFor(type, state));
        }

        /// <summary>The TestState request: the whole definition, the state by name, its input and variables, the stand-in result.</summary>
        public TestStateRequest Request(PreflightSubject subject) => RequestFor(subject.Definition, subject);

        /// <summary>
        /// The same request on a definition whose state keeps its input processing and drops its result
        /// processing: whether a failure lies on the input side, which the stand-in result does not touch.
        /// </summary>
        public TestStateRequest RequestWithoutResultProcessing(PreflightSubject subject)
        {
            var copy = JsonNode.Parse(root.ToJsonString())!;
            var copied = FindIn((JsonObject)copy, Name)!;
            foreach (var field in ResultProcessing)
            {
                copied.Remove(field);
            }

            return RequestFor(copy.ToJsonString(SfnJson.Options), subject);
        }

        private TestStateRequest RequestFor(string definition, PreflightSubject subject) => new TestStateRequest
        {
            Definition = definition,
            StateName = Name,
            Input = subject.Input,
            Variables = subject.VariablesJson,
            Mock = StandInResult == null ? null : new MockInput { Result = StandInResult, FieldValidationMode = "NONE" },
        };

        /// <summary>
        /// A result that fits the state's kind: AWS checks that a Parallel's is an array of one item per branch
        /// and a Map's an array (an object with a ResultWriter). NONE: it need not look like what the Task's
        /// service answers (it must still be JSON).
        /// </summary>
        private static string? StandInFor(string type, JsonObject state)
        {
            switch (type)
            {
                case "Task":
                    return "{}";
                case "Parallel":
                    var branches = (state["Branches"] as JsonArray)?.Count ?? 0;
                    return "[" + string.Join(",", Enumerable.Repeat("{}", branches)) + "]";
                case "Map":
                    return state.ContainsKey("ResultWriter") ? "{}" : "[]";
                default:
                    return null;
            }
        }

        /// <summary>The state named <paramref name="name"/> in a state machine, a Parallel's branches or a Map's item processor.</summary>
        private static JsonObject? FindIn(JsonObject machine, string name)
        {
            if (!(machine["States"] is JsonObject states))
            {
                return null;
            }

            foreach (var entry in states)
            {
                if (!(entry.Value is JsonObject state))
                {
                    continue;
                }

                if (string.Equals(entry.Key, name, StringComparison.Ordinal))
                {
                    return state;
                }

                foreach (var inner in Inner(state))
                {
                    var found = FindIn(inner, name);
                    if (found != null)
                    {
                        return found;
                    }
                }
            }

            return null;
        }

        private static IEnumerable<JsonObject> Inner(JsonObject state)
        {
            if (state["Branches"] is JsonArray branches)
            {
                foreach (var branch in branches.OfType<JsonObject>())
                {
                    yield return branch;
                }
            }

            foreach (var processor in new[] { "ItemProcessor", "Iterator" })
            {
                if (state[processor] is JsonObject body)
                {
                    yield return body;
                }
            }
        }
    }
}
