using System;
using System.Text.Json.Nodes;

namespace SfnResume.Tests.Precision
{
    /// <summary>
    /// Random JSONPath state machines of the shapes precise resume must handle: Parallel and Map nested up to
    /// three deep, Map <c>MaxConcurrency</c> 1 to 5, Retry and Catch on tasks and on containers, a Choice that
    /// sends a bad task output to a Fail state, <c>ItemSelector</c>, <c>ResultSelector</c>, <c>ResultPath</c>
    /// and <c>OutputPath</c>, and the legacy <c>Iterator</c>/<c>Parameters</c> Map. Every state name is unique
    /// in the machine, as AWS requires. The input's items carry ids unique in the whole input, so each task
    /// call (state name and input) happens once in a run that does not fail.
    /// </summary>
    public sealed class ShapeGenerator
    {
        private const string Lambda = "arn:aws:states:::lambda:invoke";
        private const int MaxDepth = 3;
        private readonly Random random;
        private int names;

        public ShapeGenerator(int seed)
        {
            random = new Random(seed);
        }

        /// <summary>A definition and an input whose items nest as deep as the definition's Maps.</summary>
        public (JsonObject Definition, JsonObject Input) Next()
        {
            names = 0;
            var states = new JsonObject();
            var begin = Name("Begin");
            var after = Name("After");
            var body = Sequence(states, 0, hasItems: true, count: random.Next(1, 3), last: after);
            states[begin] = new JsonObject { ["Type"] = "Task", ["Resource"] = Lambda, ["Next"] = body };
            states[after] = new JsonObject { ["Type"] = "Task", ["Resource"] = Lambda, ["End"] = true };
            var definition = new JsonObject { ["StartAt"] = begin, ["States"] = states };
            return (definition, new JsonObject { ["id"] = "root", ["items"] = Items("i", MaxDepth) });
        }

        private JsonArray Items(string prefix, int depth)
        {
            var items = new JsonArray();
            var count = random.Next(2, 5);
            for (var i = 0; i < count; i++)
            {
                var id = $"{prefix}{i}";
                var item = new JsonObject { ["id"] = id };
                if (depth > 1)
                {
                    item["items"] = Items(id + ".", depth - 1);
                }

                items.Add(item);
            }

            return items;
        }

        /// <summary>Adds <paramref name="count"/> steps to <paramref name="states"/>, the last going to <paramref name="last"/> (null: it ends the branch); returns the first step's name.</summary>
        private string Sequence(JsonObject states, int depth, bool hasItems, int count, string? last)
        {
            var next = last;
            for (var i = 0; i < count; i++)
            {
                next = Step(states, depth, hasItems, next);
            }

            return next!;
        }

        /// <summary>One step (a task, a task judged by a Choice, or a container), going on to <paramref name="next"/>; returns its first state's name.</summary>
        private string Step(JsonObject states, int depth, bool hasItems, string? next)
        {
            var roll = random.Next(10);
            if (depth < MaxDepth && roll < 4)
            {
                return Container(states, depth, hasItems, next);
            }

            if (roll < 6)
            {
                // A task whose output a Choice judges: a bad output ("ok": false) goes to a Fail state.
                var judged = Name("Check");
                var choice = Name("Judge");
                var reject = Name("Reject");
                states[judged] = Task(states, Go(new JsonObject(), choice));
                states[choice] = new JsonObject
                {
                    ["Type"] = "Choice",
                    ["Choices"] = new JsonArray(new JsonObject
                    {
                        ["And"] = new JsonArray(
                            new JsonObject { ["Variable"] = "$.ok", ["IsPresent"] = true },
                            new JsonObject { ["Variable"] = "$.ok", ["BooleanEquals"] = false }),
                        ["Next"] = reject,
                    }),
                    ["Default"] = next ?? Succeed(states),
                };
                states[reject] = new JsonObject { ["Type"] = "Fail", ["Error"] = "Rejected", ["Cause"] = "the check said no" };
                return judged;
            }

            if (roll < 7)
            {
                var pass = Name("Note");
                states[pass] = Go(new JsonObject { ["Type"] = "Pass" }, next);
                return pass;
            }

            var task = Name("Work");
            states[task] = Task(states, Go(new JsonObject(), next));
            return task;
        }

        private JsonObject Task(JsonObject states, JsonObject state)
        {
            state["Type"] = "Task";
            state["Resource"] = Lambda;
            if (random.Next(3) == 0)
            {
                // The result is the task's input (the stand-in returns it), so these paths keep the data as it was.
                state["ResultPath"] = "$.result";
                state["OutputPath"] = "$.result";
            }

            Handle(states, state, retry: random.Next(2) == 0, catchToFail: random.Next(4) == 0);
            return state;
        }

        private string Container(JsonObject states, int depth, bool hasItems, string? next)
        {
            var isMap = hasItems && random.Next(2) == 0;
            var name = Name(isMap ? "Map" : "Par");
            var state = new JsonObject { ["Type"] = isMap ? "Map" : "Parallel" };
            if (isMap)
            {
                state["ItemsPath"] = "$.items";
                state["MaxConcurrency"] = random.Next(1, 6);
                var body = Body(depth + 1, hasItems: depth + 1 < MaxDepth);
                var selector = random.Next(3) == 0 ? null : new JsonObject
                {
                    ["id.$"] = "$$.Map.Item.Value.id",
                    ["n.$"] = "$$.Map.Item.Index",
                };
                if (selector != null && depth + 1 < MaxDepth)
                {
                    selector["items.$"] = "$$.Map.Item.Value.items";
                }

                if (random.Next(4) == 0)
                {
                    // The legacy form, still accepted by AWS.
                    state["Iterator"] = body;
                    if (selector != null)
                    {
                        state["Parameters"] = selector;
                    }
                }
                else
                {
                    body["ProcessorConfig"] = new JsonObject { ["Mode"] = "INLINE" };
                    state["ItemProcessor"] = body;
                    if (selector != null)
                    {
                        state["ItemSelector"] = selector;
                    }
                }
            }
            else
            {
                var branches = new JsonArray();
                var count = random.Next(2, 4);
                for (var i = 0; i < count; i++)
                {
                    branches.Add(Body(depth + 1, hasItems));
                }

                state["Branches"] = branches;
            }

            var keep = random.Next(3);
            if (keep == 0)
            {
                state["ResultPath"] = null;
            }
            else
            {
                state["ResultPath"] = "$." + name.ToLowerInvariant();
                if (keep == 1)
                {
                    state["ResultSelector"] = new JsonObject { ["all.$"] = "$" };
                }
            }

            Handle(states, state, retry: random.Next(5) == 0, catchToFail: random.Next(4) == 0);
            states[name] = Go(state, next);
            return name;
        }

        private JsonObject Body(int depth, bool hasItems)
        {
            var states = new JsonObject();
            var start = Sequence(states, depth, hasItems, random.Next(1, 3), last: null);
            return new JsonObject { ["StartAt"] = start, ["States"] = states };
        }

        private void Handle(JsonObject states, JsonObject state, bool retry, bool catchToFail)
        {
            if (retry)
            {
                state["Retry"] = new JsonArray(new JsonObject { ["ErrorEquals"] = new JsonArray("States.ALL"), ["IntervalSeconds"] = 1, ["MaxAttempts"] = random.Next(1, 3) });
            }

            if (catchToFail)
            {
                var fail = Name("Caught");
                states[fail] = new JsonObject { ["Type"] = "Fail", ["Error"] = "Caught", ["Cause"] = "a Catch routed the error here" };
                state["Catch"] = new JsonArray(new JsonObject { ["ErrorEquals"] = new JsonArray("States.ALL"), ["ResultPath"] = "$.error", ["Next"] = fail });
            }
        }

        private string Succeed(JsonObject states)
        {
            var done = Name("Done");
            states[done] = new JsonObject { ["Type"] = "Succeed" };
            return done;
        }

        private static JsonObject Go(JsonObject state, string? next)
        {
            if (next == null)
            {
                state["End"] = true;
            }
            else
            {
                state["Next"] = next;
            }

            return state;
        }

        private string Name(string kind) => $"{kind} {++names}";
    }
}
