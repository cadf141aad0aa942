using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// Writes the history a failed run of a small definition would leave, linked as AWS links events, for
    /// shapes no recorded history has (a Map of 5,000 items, three levels of nesting). It covers Task (its
    /// output is its input, as the oracle's recording handlers return), Pass, Succeed, Fail, Parallel and
    /// inline Map with ItemsPath (or a plain JSONata Items), plain InputPath, OutputPath and ResultPath, ItemSelector and Parameters templates of plain paths, Catch on a Task, and a Task's Assign of literal values. Every branch and iteration runs, as
    /// when they all started before the failure was noticed. Whether what it records is what an engine
    /// computes is checked where it matters: the resumed copy's output must equal the original's under
    /// aws-local-stepfunctions.
    /// </summary>
    public sealed class ShapeRun
    {
        private readonly HistoryBuilder history = new HistoryBuilder();
        private readonly Func<string, JsonNode?, bool> fails;

        private ShapeRun(Func<string, JsonNode?, bool> fails)
        {
            this.fails = fails;
        }

        /// <param name="fails">Whether a Task fails, given its name and input.</param>
        public static IReadOnlyList<string> FailedHistory(string definition, string input, Func<string, JsonNode?, bool> fails)
        {
            var run = new ShapeRun(fails);
            var root = JsonNode.Parse(definition)!.AsObject();
            var started = run.history.Started(input);
            var outcome = run.RunStates(root["States"]!.AsObject(), (string)root["StartAt"]!, JsonNode.Parse(input), started, first: true);
            if (outcome.Failed)
            {
                run.history.Failed(outcome.Last, "Lambda.Unknown", "the task broke");
            }
            else
            {
                throw new InvalidOperationException("The run succeeded: no task failed.");
            }

            return run.history.Events;
        }

        private Outcome RunStates(JsonObject states, string startAt, JsonNode? input, long previous, bool first = false)
        {
            var name = startAt;
            while (true)
            {
                var state = states[name]!.AsObject();
                var type = (string)state["Type"]!;
                var link = first ? 0 : previous;
                first = false;
                Outcome outcome = type switch
                {
                    "Task" => RunTask(name, state, input, link),
                    "Parallel" => RunParallel(name, state, input, link),
                    "Map" => RunMap(name, state, input, link),
                    "Fail" => new Outcome(history.Entered("Fail", name, Text(input), link), null, failed: true),
                    _ => new Outcome(history.Pass(name, Text(input), link), input, failed: false),
                };
                if (outcome.Failed || type == "Succeed" || (outcome.Next == null && state["End"]?.GetValue<bool>() == true))
                {
                    return outcome;
                }

                name = outcome.Next ?? (string)state["Next"]!;
                input = outcome.Output;
                previous = outcome.Last;
            }
        }

        private Outcome RunTask(string name, JsonObject state, JsonNode? input, long previous)
        {
            if (!fails(name, input))
            {
                // Literal Assign values only: they are recorded as the history records them, JSON text per name.
                var assigned = (state["Assign"] as JsonObject)?.ToDictionary(v => v.Key, v => Text(v.Value));
                return new Outcome(history.Task(name, Text(input), Text(input), previous, assigned), input?.DeepClone(), failed: false);
            }

            var failed = history.FailingTask(name, Text(input), previous, "Lambda.Unknown");
            if (state["Catch"] is JsonArray catchers && catchers.Count > 0)
            {
                var catcher = catchers[0]!.AsObject();
                var error = new JsonObject { ["Error"] = "Lambda.Unknown", ["Cause"] = "the task broke" };
                var output = Place(input, catcher.ContainsKey("ResultPath") ? (string?)catcher["ResultPath"] : "$", error);
                return new Outcome(history.Exited("Task", name, Text(output), failed), output, failed: false) { Next = (string)catcher["Next"]! };
            }

            return new Outcome(failed, null, failed: true);
        }

        private Outcome RunParallel(string name, JsonObject state, JsonNode? input, long previous)
        {
            var entered = history.Entered("Parallel", name, Text(input), previous);
            var started = history.Add("ParallelStateStarted", entered);
            var effective = Select(input, (string?)state["InputPath"] ?? "$");
            var branchInput = state["Parameters"] is JsonNode parameters ? Evaluate(parameters, effective, null, 0) : effective;
            var results = new JsonArray();
            Outcome? failure = null;
            var last = started;
            foreach (var branch in state["Branches"]!.AsArray())
            {
                var outcome = RunStates(branch!["States"]!.AsObject(), (string)branch["StartAt"]!, branchInput?.DeepClone(), started);
                last = outcome.Last;
                failure ??= outcome.Failed ? outcome : null;
                results.Add(outcome.Output?.DeepClone());
            }

            if (failure != null)
            {
                return new Outcome(history.Add("ParallelStateFailed", failure.Last), null, failed: true);
            }

            var succeeded = history.Add("ParallelStateSucceeded", last);
            var output = Select(Place(input, ResultPathOf(state), results), (string?)state["OutputPath"] ?? "$");
            return new Outcome(history.Exited("Parallel", name, Text(output), succeeded), output, failed: false);
        }

        private Outcome RunMap(string name, JsonObject state, JsonNode? input, long previous)
        {
            var entered = history.Entered("Map", name, Text(input), previous);
            // JSONata's Items is read in its simplest form, {% $states.input.a.b %}.
            var itemsPath = state["Items"] is JsonNode expression ? "$" + ((string)expression!).Replace("{% $states.input", string.Empty).Replace(" %}", string.Empty) : (string?)state["ItemsPath"] ?? "$";
            var effective = Select(input, (string?)state["InputPath"] ?? "$");
            var items = Select(effective, itemsPath)!.AsArray();
            var selector = state["ItemSelector"] ?? state["Parameters"];
            var started = history.Add("MapStateStarted", entered, "mapStateStartedEventDetails", new Dictionary<string, object?> { ["length"] = items.Count });
            var processor = (state["ItemProcessor"] ?? state["Iterator"])!.AsObject();
            var results = new JsonArray();
            var last = started;
            long? failedAt = null;
            for (var index = 0; index < items.Count; index++)
            {
                var iteration = history.Add("MapIterationStarted", last, "mapIterationStartedEventDetails", new Dictionary<string, object?> { ["index"] = index, ["name"] = name });
                var item = selector == null ? items[index]?.DeepClone() : Evaluate(selector, effective, items[index], index);
                var outcome = RunStates(processor["States"]!.AsObject(), (string)processor["StartAt"]!, item, iteration);
                var end = outcome.Failed ? "MapIterationFailed" : "MapIterationSucceeded";
                history.Add(end, outcome.Last, end == "MapIterationFailed" ? "mapIterationFailedEventDetails" : "mapIterationSucceededEventDetails", new Dictionary<string, object?> { ["index"] = index, ["name"] = name });
                failedAt = outcome.Failed ? outcome.Last : failedAt;
                last = outcome.Last;
                results.Add(outcome.Output?.DeepClone());
            }

            if (failedAt != null)
            {
                return new Outcome(history.Add("MapStateFailed", failedAt.Value), null, failed: true);
            }

            var succeeded = history.Add("MapStateSucceeded", last);
            var output = Select(Place(input, ResultPathOf(state), results), (string?)state["OutputPath"] ?? "$");
            return new Outcome(history.Exited("Map", name, Text(output), succeeded), output, failed: false);
        }

        /// <summary>A payload template: "k.$" members read $$.Map.Item.Value, $$.Map.Item.Index or a plain path of the effective input.</summary>
        private static JsonNode? Evaluate(JsonNode template, JsonNode? effective, JsonNode? item, int index)
        {
            var result = new JsonObject();
            foreach (var member in template.AsObject())
            {
                if (!member.Key.EndsWith(".$", StringComparison.Ordinal))
                {
                    result[member.Key] = member.Value?.DeepClone();
                    continue;
                }

                var path = (string)member.Value!;
                result[member.Key.Substring(0, member.Key.Length - 2)] = path switch
                {
                    "$$.Map.Item.Value" => item?.DeepClone(),
                    "$$.Map.Item.Index" => JsonValue.Create(index),
                    _ => Select(effective, path)?.DeepClone(),
                };
            }

            return result;
        }

        private static string? ResultPathOf(JsonObject state) => state.ContainsKey("ResultPath") ? (string?)state["ResultPath"] : "$";

        /// <summary>ResultPath: absent or "$" replaces the input, null keeps it, "$.a.b" sets that member.</summary>
        private static JsonNode? Place(JsonNode? input, string? resultPath, JsonNode? result)
        {
            if (resultPath == null)
            {
                return input?.DeepClone();
            }

            if (resultPath == "$")
            {
                return result?.DeepClone();
            }

            var output = input!.DeepClone().AsObject();
            var steps = resultPath.Substring(2).Split('.');
            var holder = output;
            foreach (var step in steps.Take(steps.Length - 1))
            {
                holder = (holder[step] ??= new JsonObject()).AsObject();
            }

            holder[steps.Last()] = result?.DeepClone();
            return output;
        }

        /// <summary>A plain path: $, then .name and [index] steps.</summary>
        private static JsonNode? Select(JsonNode? input, string path)
        {
            var node = input;
            foreach (System.Text.RegularExpressions.Match step in System.Text.RegularExpressions.Regex.Matches(path.Substring(1), @"\.([^.\[]+)|\[(\d+)\]"))
            {
                node = step.Groups[1].Success ? node?[step.Groups[1].Value] : node?[int.Parse(step.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)];
            }

            return node;
        }

        private static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";

        private sealed class Outcome
        {
            public Outcome(long last, JsonNode? output, bool failed)
            {
                Last = last;
                Output = output;
                Failed = failed;
            }

            public long Last { get; }

            public JsonNode? Output { get; }

            public bool Failed { get; }

            /// <summary>Where a Catch sends the run.</summary>
            public string? Next { get; set; }
        }
    }
}
