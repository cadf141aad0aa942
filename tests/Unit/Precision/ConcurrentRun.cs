using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace SfnResume.Tests.Precision
{
    /// <summary>
    /// Simulates a failing run of a JSONPath definition the way Step Functions runs it, and records the
    /// events it would write. Parallel branches and Map iterations (up to <c>MaxConcurrency</c> at a time)
    /// run as separate fibers, and a seeded scheduler picks which one moves next, so their events
    /// interleave as AWS's do. A failure in a branch or iteration aborts its running siblings (an Aborted
    /// event for each open state, linked to the failure); a timeout stops everything where it is. Links
    /// follow the reference notes: a branch's first state links to ParallelStateStarted, an iteration's to
    /// its MapIterationStarted, which links to the last event of the iteration whose end freed its slot.
    /// <para>Tasks return their input, as the interpreter's stand-ins do; a task may fail (every attempt,
    /// or only the first one when it has a Retry), or return <c>"ok": false</c> for a Choice to reject.
    /// The run records which task calls finished (state name and canonical input), in the latest attempt
    /// of every container around them.</para>
    /// </summary>
    public sealed class ConcurrentRun
    {
        private readonly Random random;
        private readonly int faultSeed;
        private readonly List<SimulatedEvent> events = new List<SimulatedEvent>();
        private readonly List<Fiber> live = new List<Fiber>();
        private readonly List<(Fiber Fiber, string Call)> finished = new List<(Fiber, string)>();

        private readonly Func<string, JsonNode, string>? faultOf;

        private ConcurrentRun(int seed, int faultSeed, Func<string, JsonNode, string>? faultOf)
        {
            random = new Random(seed);
            this.faultSeed = faultSeed;
            this.faultOf = faultOf;
        }

        public IReadOnlyList<SimulatedEvent> Events => events;

        /// <summary>Every task input the run entered a task with, as "state name|canonical input", finished or not.</summary>
        public ISet<string> Entered { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Task calls that finished, each as "state name|canonical input".</summary>
        public ISet<string> Finished { get; } = new HashSet<string>(StringComparer.Ordinal);

        public string Terminal { get; private set; } = string.Empty;

        /// <summary>The run of <paramref name="definition"/> on <paramref name="input"/>; null when it did not fail.</summary>
        /// <param name="seed">Decides the interleaving, and whether and when the run times out.</param>
        /// <param name="faultSeed">Decides which task calls fail or answer badly.</param>
        /// <param name="faultOf">Given a task's name and input, "error" (every attempt fails), "bad" (answers "ok": false) or "ok"; null for faults drawn from <paramref name="faultSeed"/>.</param>
        public static ConcurrentRun? Fail(JsonObject definition, JsonObject input, int seed, int faultSeed, bool mayTimeOut = true, Func<string, JsonNode, string>? faultOf = null)
        {
            var run = new ConcurrentRun(seed, faultSeed, faultOf);
            return run.Execute(definition, input, mayTimeOut) ? run : null;
        }

        private bool Execute(JsonObject definition, JsonObject input, bool mayTimeOut)
        {
            var root = new Fiber(null);
            Emit(root, "ExecutionStarted", 0, "executionStartedEventDetails", new JsonObject { ["input"] = Text(input), ["roleArn"] = "arn:aws:iam::123456789012:role/sfn" });
            var result = new Result();
            root.Body = RunStates(root, (JsonObject)definition["States"]!, (string)definition["StartAt"]!, input, 0, result).GetEnumerator();
            live.Add(root);

            // A timeout somewhere in the run's first few hundred steps, when the run has not ended by then.
            var timeoutAt = mayTimeOut && random.Next(4) == 0 ? random.Next(10, 400) : int.MaxValue;
            Fiber? atomic = null;
            for (var step = 0; live.Count > 0; step++)
            {
                if (step >= timeoutAt && atomic == null)
                {
                    Terminal = "ExecutionTimedOut";
                    var timedOut = Emit(root, "ExecutionTimedOut", 0, "executionTimedOutEventDetails", new JsonObject { ["error"] = "States.Timeout", ["cause"] = "The execution timed out." });
                    events[timedOut - 1].After.UnionWith(events.Select(e => e.Key).Where(k => k != timedOut));
                    break;
                }

                var runnable = live.Where(f => f.Blocked == null || !f.Blocked()).ToList();
                var fiber = atomic ?? runnable[random.Next(runnable.Count)];
                if (!fiber.Body!.MoveNext())
                {
                    fiber.Done = true;
                    live.Remove(fiber);
                }

                atomic = fiber.Judging && !fiber.Done ? fiber : null;
            }

            if (Terminal.Length == 0)
            {
                if (!result.Failed)
                {
                    return false;
                }

                Terminal = "ExecutionFailed";
                var failed = Emit(root, "ExecutionFailed", result.FailureEvent, "executionFailedEventDetails", new JsonObject { ["error"] = result.Error, ["cause"] = result.Cause });
                events[failed - 1].After.UnionWith(events.Select(e => e.Key).Where(k => k != failed));
            }

            Finished.UnionWith(finished.Where(f => f.Fiber.Counts).Select(f => f.Call));
            return true;
        }

        private IEnumerable<bool> RunStates(Fiber fiber, JsonObject states, string startAt, JsonNode input, int link, Result result)
        {
            var name = startAt;
            while (true)
            {
                var state = (JsonObject)states[name]!;
                var type = (string)state["Type"]!;
                var step = new Result();
                IEnumerable<bool> run = type switch
                {
                    "Task" => RunTask(fiber, name, state, input, link, step),
                    "Parallel" => RunParallel(fiber, name, state, input, link, step),
                    "Map" => RunMap(fiber, name, state, input, link, step),
                    _ => RunSimple(fiber, name, type, state, input, link, step),
                };
                foreach (var yielded in run)
                {
                    yield return yielded;
                }

                if (step.Failed || step.Next == null)
                {
                    result.CopyFrom(step);
                    yield break;
                }

                name = step.Next;
                input = step.Output!;
                link = step.Last;
            }
        }

        private IEnumerable<bool> RunSimple(Fiber fiber, string name, string type, JsonObject state, JsonNode input, int link, Result result)
        {
            var entered = Emit(fiber, type + "StateEntered", link, "stateEnteredEventDetails", EnteredDetails(name, input));
            yield return true;
            if (type == "Fail")
            {
                fiber.Judging = false;
                result.Fail(entered, (string?)state["Error"] ?? "States.Fail", (string?)state["Cause"] ?? string.Empty);
                yield break;
            }

            var exited = Emit(fiber, type + "StateExited", entered, "stateExitedEventDetails", Exited(name, input));
            yield return true;
            result.Last = exited;
            result.Output = input;
            if (type == "Choice")
            {
                var rejected = input is JsonObject o && o["ok"] is JsonValue ok && ok.TryGetValue<bool>(out var value) && !value;
                result.Next = rejected ? (string)state["Choices"]![0]!["Next"]! : (string?)state["Default"];
            }
            else
            {
                result.Next = type == "Succeed" ? null : (string?)state["Next"];
            }
        }

        private IEnumerable<bool> RunTask(Fiber fiber, string name, JsonObject state, JsonNode input, int link, Result result)
        {
            var entered = Emit(fiber, "TaskStateEntered", link, "stateEnteredEventDetails", EnteredDetails(name, input));
            fiber.Open = "Task";
            yield return true;
            var call = name + "|" + Canonical.Of(input);
            Entered.Add(call);
            var retries = state["Retry"]?[0]?["MaxAttempts"]?.GetValue<int>() ?? 0;
            var last = entered;
            for (var attempt = 0; ; attempt++)
            {
                var scheduled = Emit(fiber, "TaskScheduled", last, "taskScheduledEventDetails", new JsonObject { ["resourceType"] = "lambda", ["resource"] = "invoke", ["region"] = "us-east-1", ["parameters"] = Text(input) });
                yield return true;
                var started = Emit(fiber, "TaskStarted", scheduled, "taskStartedEventDetails", new JsonObject { ["resourceType"] = "lambda", ["resource"] = "invoke" });
                yield return true;
                var fault = faultOf?.Invoke(name, input) ?? Fault(name, call, attempt, retries > 0);
                if (fault != "error")
                {
                    var value = input.DeepClone();
                    if (fault == "bad" && value is JsonObject bad)
                    {
                        // From the bad answer to the Fail state the Choice sends it to, nothing else moves: an
                        // abort in between would leave a bad output unjudged, which no resume can tell apart.
                        bad["ok"] = false;
                        fiber.Judging = true;
                    }

                    var succeeded = Emit(fiber, "TaskSucceeded", started, "taskSucceededEventDetails", new JsonObject { ["resourceType"] = "lambda", ["resource"] = "invoke", ["output"] = Text(value) });
                    yield return true;
                    var output = DataFlow.Output(state, input, value);
                    result.Last = Emit(fiber, "TaskStateExited", succeeded, "stateExitedEventDetails", Exited(name, output));
                    fiber.Open = null;

                    // Finished once its state has exited: an abort between the task's answer and the exit leaves
                    // the state open, and its output was never computed. A bad answer is the failure itself.
                    if (fault != "bad")
                    {
                        finished.Add((fiber, call));
                    }

                    yield return true;
                    result.Output = output;
                    result.Next = (string?)state["Next"];
                    yield break;
                }

                var failed = Emit(fiber, "TaskFailed", started, "taskFailedEventDetails", new JsonObject { ["resourceType"] = "lambda", ["resource"] = "invoke", ["error"] = "Lambda.Unknown", ["cause"] = name + " broke" });
                yield return true;
                if (attempt < retries)
                {
                    last = failed;
                    continue;
                }

                foreach (var yielded in Caught(fiber, name, state, input, failed, "Lambda.Unknown", name + " broke", result))
                {
                    yield return yielded;
                }

                yield break;
            }
        }

        /// <summary>After a state's final failure: its Catch (to a Fail state here), or the failure of the fiber.</summary>
        private IEnumerable<bool> Caught(Fiber fiber, string name, JsonObject state, JsonNode input, int failure, string error, string cause, Result result)
        {
            if (state["Catch"] is JsonArray catchers)
            {
                var output = DataFlow.WithError(input, error, cause);
                result.Last = Emit(fiber, (string)state["Type"]! + "StateExited", failure, "stateExitedEventDetails", Exited(name, output));
                fiber.Open = null;
                yield return true;
                result.Output = output;
                result.Next = (string)catchers[0]!["Next"]!;
                yield break;
            }

            result.Fail(failure, error, cause);
        }

        private IEnumerable<bool> RunParallel(Fiber fiber, string name, JsonObject state, JsonNode input, int link, Result result)
        {
            var entered = Emit(fiber, "ParallelStateEntered", link, "stateEnteredEventDetails", EnteredDetails(name, input));
            fiber.Open = "Parallel";
            yield return true;
            var retries = state["Retry"]?[0]?["MaxAttempts"]?.GetValue<int>() ?? 0;
            var previous = entered;
            for (var attempt = 0; ; attempt++)
            {
                var started = Emit(fiber, "ParallelStateStarted", previous, null, null);
                yield return true;
                var branches = ((JsonArray)state["Branches"]!).Select(b => (JsonObject)b!).ToList();
                var children = new List<(Fiber Fiber, Result Result)>();
                foreach (var branch in branches)
                {
                    var child = Spawn(fiber, started);
                    var outcome = new Result();
                    child.Body = RunStates(child, (JsonObject)branch["States"]!, (string)branch["StartAt"]!, input, started, outcome).GetEnumerator();
                    children.Add((child, outcome));
                }

                fiber.Blocked = () => !children.All(c => c.Fiber.Done) && !children.Any(c => c.Fiber.Done && c.Result.Failed);
                yield return true;
                fiber.Blocked = null;
                var failedChild = children.FirstOrDefault(c => c.Fiber.Done && c.Result.Failed);
                if (failedChild.Fiber != null)
                {
                    foreach (var (child, _) in children.Where(c => !c.Fiber.Done))
                    {
                        Abort(child, failedChild.Result.FailureEvent);
                    }

                    var ended = new AttemptEnd();
                    foreach (var yielded in FailAttempt(fiber, "Parallel", children.Select(c => c.Fiber).ToList(), failedChild.Result, attempt < retries, name, state, input, result, ended))
                    {
                        yield return yielded;
                    }

                    if (attempt < retries)
                    {
                        previous = ended.Failed;
                        continue;
                    }

                    yield break;
                }

                var lastBranch = children.Select(c => c.Fiber.Last).Max();
                var outputs = new JsonArray(children.Select(c => c.Result.Output!.DeepClone()).ToArray());
                var all = children.Select(c => c.Fiber.Last).ToArray();
                Emit(fiber, "ParallelStateSucceeded", lastBranch, null, null, all);
                yield return true;
                var output = DataFlow.Output(state, input, outputs);
                result.Last = Emit(fiber, "ParallelStateExited", lastBranch, "stateExitedEventDetails", Exited(name, output), all);
                fiber.Open = null;
                yield return true;
                result.Output = output;
                result.Next = (string?)state["Next"];
                yield break;
            }
        }

        private IEnumerable<bool> RunMap(Fiber fiber, string name, JsonObject state, JsonNode input, int link, Result result)
        {
            var entered = Emit(fiber, "MapStateEntered", link, "stateEnteredEventDetails", EnteredDetails(name, input));
            fiber.Open = "Map";
            yield return true;
            var items = (JsonArray)input["items"]!;
            var processor = (JsonObject)(state["ItemProcessor"] ?? state["Iterator"])!;
            var selector = (state["ItemSelector"] ?? state["Parameters"]) as JsonObject;
            var concurrency = state["MaxConcurrency"]?.GetValue<int>() ?? 0;
            var retries = state["Retry"]?[0]?["MaxAttempts"]?.GetValue<int>() ?? 0;
            var previous = entered;
            for (var attempt = 0; ; attempt++)
            {
                var started = Emit(fiber, "MapStateStarted", previous, "mapStateStartedEventDetails", new JsonObject { ["length"] = items.Count });
                yield return true;
                var children = new List<(Fiber Fiber, Result Result, int Index)>();
                var ends = new HashSet<Fiber>();
                var outputs = new JsonNode?[items.Count];
                var next = 0;
                var freedBy = started;
                var lastEnd = started;
                (Fiber Fiber, Result Result, int Index) failedChild = default;
                while (failedChild.Fiber == null)
                {
                    // Iterations that ended since the last look, in the order they ended.
                    foreach (var ended in children.Where(c => c.Fiber.Done && !ends.Contains(c.Fiber)).OrderBy(c => c.Fiber.Last).ToList())
                    {
                        ends.Add(ended.Fiber);
                        if (ended.Result.Failed)
                        {
                            failedChild = ended;
                            break;
                        }

                        // The iteration's last event frees its slot: the next iteration's start links to it.
                        freedBy = ended.Fiber.Last;
                        outputs[ended.Index] = ended.Result.Output;
                        lastEnd = Emit(ended.Fiber, "MapIterationSucceeded", ended.Fiber.Last, "mapIterationSucceededEventDetails", new JsonObject { ["name"] = name, ["index"] = ended.Index });
                    }

                    var running = children.Where(c => !c.Fiber.Done).ToList();
                    if (failedChild.Fiber != null)
                    {
                        break;
                    }

                    if (next < items.Count && (concurrency == 0 || running.Count < concurrency))
                    {
                        var index = next++;
                        var iterationStarted = Emit(fiber, "MapIterationStarted", freedBy, "mapIterationStartedEventDetails", new JsonObject { ["name"] = name, ["index"] = index });
                        var child = Spawn(fiber, iterationStarted);
                        child.MapName = name;
                        child.MapIndex = index;
                        var outcome = new Result();
                        var itemInput = DataFlow.Item(selector, items[index]!, index);
                        child.Body = RunStates(child, (JsonObject)processor["States"]!, (string)processor["StartAt"]!, itemInput, iterationStarted, outcome).GetEnumerator();
                        children.Add((child, outcome, index));
                        yield return true;
                        continue;
                    }

                    if (running.Count == 0)
                    {
                        break;
                    }

                    fiber.Blocked = () => running.All(c => !c.Fiber.Done);
                    yield return true;
                    fiber.Blocked = null;
                }

                if (failedChild.Fiber != null)
                {
                    var failure = failedChild.Result!.FailureEvent;
                    Emit(failedChild.Fiber, "MapIterationFailed", failure, "mapIterationFailedEventDetails", new JsonObject { ["name"] = name, ["index"] = failedChild.Index });
                    foreach (var (child, _, index) in children.Where(c => !c.Fiber.Done))
                    {
                        var aborted = Abort(child, failure);
                        Emit(child, "MapIterationAborted", random.Next(2) == 0 ? aborted : failure, "mapIterationAbortedEventDetails", new JsonObject { ["name"] = name, ["index"] = index }, failure);
                    }

                    var ended = new AttemptEnd();
                    foreach (var yielded in FailAttempt(fiber, "Map", children.Select(c => c.Fiber).ToList(), failedChild.Result!, attempt < retries, name, state, input, result, ended))
                    {
                        yield return yielded;
                    }

                    if (attempt < retries)
                    {
                        previous = ended.Failed;
                        continue;
                    }

                    yield break;
                }

                var all = children.Select(c => c.Fiber.Last).ToArray();
                var succeeded = Emit(fiber, "MapStateSucceeded", lastEnd, null, null, all);
                yield return true;
                var output = DataFlow.Output(state, input, new JsonArray(outputs.Select(o => o!.DeepClone()).ToArray()));
                result.Last = Emit(fiber, "MapStateExited", succeeded, "stateExitedEventDetails", Exited(name, output));
                fiber.Open = null;
                yield return true;
                result.Output = output;
                result.Next = (string?)state["Next"];
                yield break;
            }
        }

        /// <summary>
        /// A Parallel's or Map's attempt failed with a branch or iteration: its *StateFailed, linked to that
        /// failure and after every branch's end; then a retry (what finished inside no longer counts), the
        /// state's Catch, or the failure of the fiber.
        /// </summary>
        private IEnumerable<bool> FailAttempt(Fiber fiber, string kind, IReadOnlyList<Fiber> children, Result failedChild, bool retry, string name, JsonObject state, JsonNode input, Result result, AttemptEnd ended)
        {
            ended.Failed = Emit(fiber, kind + "StateFailed", failedChild.FailureEvent, null, null, children.Select(c => c.Last).ToArray());
            yield return true;
            if (retry)
            {
                Discard(children);
                yield break;
            }

            foreach (var yielded in Caught(fiber, name, state, input, ended.Failed, failedChild.Error, failedChild.Cause, result))
            {
                yield return yielded;
            }
        }

        /// <summary>Stops a running branch or iteration, and everything running inside it, at a sibling's failure; returns its last event.</summary>
        private int Abort(Fiber fiber, int failure)
        {
            foreach (var child in fiber.Children.Where(c => !c.Done))
            {
                var aborted = Abort(child, failure);
                if (child.MapName != null)
                {
                    Emit(child, "MapIterationAborted", random.Next(2) == 0 ? aborted : failure, "mapIterationAbortedEventDetails", new JsonObject { ["name"] = child.MapName, ["index"] = child.MapIndex }, failure);
                }
            }

            switch (fiber.Open)
            {
                case "Task":
                    Emit(fiber, "TaskStateAborted", failure, null, null);
                    break;
                case "Parallel":
                case "Map":
                    Emit(fiber, fiber.Open + "StateAborted", failure, null, null, fiber.Children.Select(c => c.Last).ToArray());
                    break;
            }

            fiber.Done = true;
            live.Remove(fiber);
            return fiber.Last;
        }

        /// <summary>A container attempt that failed and is retried: what finished inside it no longer counts.</summary>
        private static void Discard(IEnumerable<Fiber> fibers)
        {
            foreach (var fiber in fibers)
            {
                fiber.Discarded = true;
            }
        }

        private Fiber Spawn(Fiber parent, int start)
        {
            var child = new Fiber(parent) { Last = start };
            parent.Children.Add(child);
            live.Add(child);
            return child;
        }

        /// <summary>
        /// "error" (the attempt fails), "bad" (a judged task answers "ok": false) or "ok", decided by the call
        /// alone, so a retried container meets the same faults. A transient fault fails only a first attempt.
        /// </summary>
        private string Fault(string name, string call, int attempt, bool retried)
        {
            var roll = new Random(faultSeed ^ StableHash(call)).Next(100);
            if (roll < 5)
            {
                return "error";
            }

            if (retried && roll < 20)
            {
                return attempt == 0 ? "error" : "ok";
            }

            return name.StartsWith("Check", StringComparison.Ordinal) && roll >= 88 ? "bad" : "ok";
        }

        private static int StableHash(string text)
        {
            unchecked
            {
                var hash = (int)2166136261;
                foreach (var c in text)
                {
                    hash = (hash ^ c) * 16777619;
                }

                return hash;
            }
        }

        private int Emit(Fiber fiber, string type, int link, string? detailsName, JsonObject? details, params int[] after)
        {
            var e = new SimulatedEvent(events.Count + 1, type, link, detailsName, details);
            if (link > 0)
            {
                e.After.Add(link);
            }

            if (fiber.Last > 0)
            {
                e.After.Add(fiber.Last);
            }

            e.After.UnionWith(after.Where(k => k > 0 && k != e.Key));
            events.Add(e);
            fiber.Last = e.Key;
            return e.Key;
        }

        private static JsonObject EnteredDetails(string name, JsonNode input) => new JsonObject { ["name"] = name, ["input"] = Text(input) };

        private static JsonObject Exited(string name, JsonNode output) => new JsonObject { ["name"] = name, ["output"] = Text(output) };

        private static string Text(JsonNode node) => node.ToJsonString();

        private sealed class Fiber
        {
            public Fiber(Fiber? parent)
            {
                Parent = parent;
            }

            public Fiber? Parent { get; }

            public List<Fiber> Children { get; } = new List<Fiber>();

            public IEnumerator<bool>? Body { get; set; }

            /// <summary>The key of this branch's or iteration's latest event.</summary>
            public int Last { get; set; }

            /// <summary>The kind of state open in this fiber: Task, Parallel, Map, or null between states.</summary>
            public string? Open { get; set; }

            public Func<bool>? Blocked { get; set; }

            public bool Done { get; set; }

            public bool Discarded { get; set; }

            /// <summary>A bad answer is on its way to the Choice that rejects it: the scheduler keeps running this fiber.</summary>
            public bool Judging { get; set; }

            /// <summary>Set for a Map iteration: the Map's name and the item's index.</summary>
            public string? MapName { get; set; }

            public int MapIndex { get; set; }

            /// <summary>Whether what finished in it counts: no container attempt around it was retried.</summary>
            public bool Counts => !Discarded && (Parent == null || Parent.Counts);
        }

        private sealed class AttemptEnd
        {
            public int Failed { get; set; }
        }

        private sealed class Result
        {
            public bool Failed { get; private set; }

            public int FailureEvent { get; private set; }

            public string Error { get; private set; } = string.Empty;

            public string Cause { get; private set; } = string.Empty;

            public int Last { get; set; }

            public JsonNode? Output { get; set; }

            public string? Next { get; set; }

            public void Fail(int failure, string error, string cause)
            {
                Failed = true;
                FailureEvent = failure;
                Error = error;
                Cause = cause;
            }

            public void CopyFrom(Result other)
            {
                Failed = other.Failed;
                FailureEvent = other.FailureEvent;
                Error = other.Error;
                Cause = other.Cause;
                Last = other.Last;
                Output = other.Output;
                Next = other.Next;
            }
        }
    }
}
