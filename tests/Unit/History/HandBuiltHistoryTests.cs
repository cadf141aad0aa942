using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SfnResume.Definitions;
using SfnResume.History;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.History
{
    /// <summary>
    /// Shapes the recorded corpus lacks, written event by event as AWS links them: nested Parallel in Map
    /// in Parallel, redrives, 25,000-event histories, timeouts, aborted Map Runs, histories without data.
    /// </summary>
    public sealed class HandBuiltHistoryTests
    {
        private static FailureAnalysis Analyze(HistoryBuilder history, string? definition = null)
        {
            var json = "{\"events\":[" + string.Join(",", history.Events) + "]}";
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
            var events = SavedHistory.Read(stream);
            return new FailurePointFinder().Analyze(events.Reverse(), definition == null ? null : StateMachineDefinition.Parse(definition));
        }

        private const string NestedDefinition = @"{
          ""StartAt"": ""Prepare"",
          ""States"": {
            ""Prepare"": { ""Type"": ""Pass"", ""Next"": ""Outer"" },
            ""Outer"": { ""Type"": ""Parallel"", ""End"": true, ""Branches"": [
              { ""StartAt"": ""Quick"", ""States"": { ""Quick"": { ""Type"": ""Pass"", ""End"": true } } },
              { ""StartAt"": ""Fanout"", ""States"": { ""Fanout"": { ""Type"": ""Map"", ""End"": true,
                  ""ItemProcessor"": { ""StartAt"": ""Inner"", ""States"": { ""Inner"": { ""Type"": ""Parallel"", ""End"": true, ""Branches"": [
                    { ""StartAt"": ""Left"", ""States"": { ""Left"": { ""Type"": ""Task"", ""Resource"": ""arn:aws:states:::lambda:invoke"", ""End"": true } } },
                    { ""StartAt"": ""Right"", ""States"": { ""Right"": { ""Type"": ""Task"", ""Resource"": ""arn:aws:states:::lambda:invoke"", ""End"": true } } }
                  ] } } } } } }
            ] }
          }
        }";

        /// <summary>Prepare, then Outer: branch 1 Quick; branch 2 Fanout over two items, each running Inner (Left, Right); Right fails on item 1.</summary>
        private static HistoryBuilder NestedParallelInMapInParallel(bool withDefinitionNames = true)
        {
            var h = new HistoryBuilder();
            h.Started("{\"order\":7}");
            var prepared = h.Pass("Prepare", "{\"order\":7}", 0);
            var outer = h.Entered("Parallel", "Outer", "{\"order\":7,\"items\":[1,2]}", prepared);
            var outerStarted = h.Add("ParallelStateStarted", outer);
            h.Pass("Quick", "{\"order\":7,\"items\":[1,2]}", outerStarted);
            var fanout = h.Entered("Map", "Fanout", "{\"order\":7,\"items\":[1,2]}", outerStarted);
            var mapStarted = h.Add("MapStateStarted", fanout, "mapStateStartedEventDetails", new Dictionary<string, object?> { ["length"] = 2 });
            long previous = mapStarted;
            long failure = 0;
            for (var item = 0; item < 2; item++)
            {
                var iteration = h.Add("MapIterationStarted", previous, "mapIterationStartedEventDetails", new Dictionary<string, object?> { ["name"] = "Fanout", ["index"] = item });
                var inner = h.Entered("Parallel", "Inner", $"{item + 1}", iteration);
                var innerStarted = h.Add("ParallelStateStarted", inner);
                var left = h.Task("Left", $"{item + 1}", "\"left\"", innerStarted);
                if (item == 0)
                {
                    var right = h.Task("Right", $"{item + 1}", "\"right\"", innerStarted);
                    var succeeded = h.Add("ParallelStateSucceeded", right);
                    previous = h.Exited("Parallel", "Inner", "[\"left\",\"right\"]", right);
                    h.Add("MapIterationSucceeded", previous, "mapIterationSucceededEventDetails", new Dictionary<string, object?> { ["name"] = "Fanout", ["index"] = item });
                    _ = succeeded + left;
                }
                else
                {
                    failure = h.FailingTask("Right", $"{item + 1}", innerStarted, "Payments.Declined", attempts: 3);
                    var innerFailed = h.Add("ParallelStateFailed", failure);
                    h.Add("MapIterationFailed", innerFailed, "mapIterationFailedEventDetails", new Dictionary<string, object?> { ["name"] = "Fanout", ["index"] = item });
                    var mapFailed = h.Add("MapStateFailed", innerFailed);
                    var outerFailed = h.Add("ParallelStateFailed", mapFailed);
                    h.Failed(outerFailed, "Payments.Declined", "{\"errorMessage\":\"Right broke\",\"errorType\":\"Payments.Declined\"}");
                }
            }

            return h;
        }

        [Fact]
        public void Nested_Parallel_in_Map_in_Parallel_names_every_level_and_resumes_at_the_outer_Parallel()
        {
            var analysis = Analyze(NestedParallelInMapInParallel(), NestedDefinition);

            Assert.Equal("Right", analysis.FailedState);
            Assert.Equal(new[] { "Outer", "branch 2", "Fanout", "iteration 1", "Inner", "branch 2", "Right" }, analysis.FailedStatePath);
            Assert.Equal("Outer", analysis.ResumeState);
            Assert.Equal("{\"order\":7,\"items\":[1,2]}", analysis.ResumeInput);
            Assert.Equal("Payments.Declined", analysis.Error);
            Assert.Equal(2, analysis.RetryCount);
        }

        [Fact]
        public void Without_a_definition_the_history_alone_gives_the_same_resume_state_and_the_iteration()
        {
            var analysis = Analyze(NestedParallelInMapInParallel());

            Assert.Equal(new[] { "Outer", "Fanout", "iteration 1", "Inner", "Right" }, analysis.FailedStatePath);
            Assert.Equal("Outer", analysis.ResumeState);
            Assert.Equal("{\"order\":7,\"items\":[1,2]}", analysis.ResumeInput);
        }

        [Fact]
        public void After_a_redrive_only_the_latest_attempt_counts()
        {
            var h = new HistoryBuilder();
            h.Started("{\"id\":1}");
            var first = h.FailingTask("Charge", "{\"id\":1}", 0, "Card.Timeout");
            var failed = h.Failed(first, "Card.Timeout", "first attempt");
            var redriven = h.Add("ExecutionRedriven", failed, "executionRedrivenEventDetails", new Dictionary<string, object?> { ["redriveCount"] = 1 });
            var charged = h.Task("Charge", "{\"id\":1}", "{\"id\":1,\"charged\":true}", redriven);
            var second = h.FailingTask("Ship", "{\"id\":1,\"charged\":true}", charged, "Warehouse.Closed");
            h.Failed(second, "Warehouse.Closed", "second attempt");

            var analysis = Analyze(h);

            Assert.Equal("Ship", analysis.FailedState);
            Assert.Equal("Ship", analysis.ResumeState);
            Assert.Equal("{\"id\":1,\"charged\":true}", analysis.ResumeInput);
            Assert.Equal("Warehouse.Closed", analysis.Error);
        }

        [Fact]
        public void A_redriven_state_that_fails_again_is_reported_from_the_new_attempt()
        {
            var h = new HistoryBuilder();
            h.Started("{}");
            var first = h.FailingTask("Charge", "{}", 0, "Card.Timeout", attempts: 2);
            var failed = h.Failed(first, "Card.Timeout", "first");
            var redriven = h.Add("ExecutionRedriven", failed, "executionRedrivenEventDetails", new Dictionary<string, object?> { ["redriveCount"] = 1 });
            var again = h.FailingTask("Charge", "{\"fixed\":false}", redriven, "Card.Declined");
            h.Failed(again, "Card.Declined", "second");

            var analysis = Analyze(h);

            Assert.Equal("Charge", analysis.FailedState);
            Assert.Equal("{\"fixed\":false}", analysis.ResumeInput);
            Assert.Equal("Card.Declined", analysis.Error);
            Assert.Equal(0, analysis.RetryCount);
            Assert.Equal(again, analysis.EventId);
        }

        /// <summary>Pass states until the history is about <paramref name="total"/> events long, then a task that fails.</summary>
        public static HistoryBuilder LongHistoryFailingAtTheEnd(int total = 25000)
        {
            var h = new HistoryBuilder();
            h.Started("{\"n\":0}");
            long previous = 0;
            var step = 0;
            while (h.LastId < total - 6)
            {
                previous = h.Pass($"Step{step % 500}", $"{{\"n\":{step}}}", previous);
                step++;
            }

            var failure = h.FailingTask("Finish", "{\"n\":\"last\"}", previous, "States.TaskFailed");
            h.Failed(failure, "States.TaskFailed", "finish failed");
            return h;
        }

        /// <summary>The definition <see cref="LongHistoryFailingAtTheEnd"/> runs: 500 Pass states in a loop, then Finish.</summary>
        public static string LongHistoryDefinition()
        {
            var states = Enumerable.Range(0, 500).Select(i => $"\"Step{i}\": {{ \"Type\": \"Pass\", \"Next\": \"{(i < 499 ? "Step" + (i + 1) : "Finish")}\" }}");
            return "{ \"StartAt\": \"Step0\", \"States\": { " + string.Join(", ", states)
                + ", \"Finish\": { \"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true } } }";
        }

        [Fact]
        public void A_failure_at_the_end_of_25000_events_is_found_reading_only_the_last_events()
        {
            var analysis = Analyze(LongHistoryFailingAtTheEnd(), LongHistoryDefinition());

            Assert.Equal("Finish", analysis.FailedState);
            Assert.Equal("{\"n\":\"last\"}", analysis.ResumeInput);
            Assert.True(analysis.EventsRead < 1000, $"{analysis.EventsRead} events read");
        }

        [Fact]
        public void A_failure_at_the_start_of_25000_events_is_found_through_the_long_link()
        {
            // Branch 1 of Work fails at once; branch 2 keeps a Map busy for ~25,000 events before the Parallel fails.
            var h = new HistoryBuilder();
            h.Started("{\"batch\":9}");
            var work = h.Entered("Parallel", "Work", "{\"batch\":9}", 0);
            var started = h.Add("ParallelStateStarted", work);
            var failure = h.FailingTask("Validate", "{\"batch\":9}", started, "Validation.Failed");
            var map = h.Entered("Map", "Crunch", "{\"batch\":9}", started);
            long previous = h.Add("MapStateStarted", map, "mapStateStartedEventDetails", new Dictionary<string, object?> { ["length"] = 100000 });
            var index = 0;
            while (h.LastId < 24990)
            {
                var iteration = h.Add("MapIterationStarted", previous, "mapIterationStartedEventDetails", new Dictionary<string, object?> { ["name"] = "Crunch", ["index"] = index++ });
                previous = h.Pass("Chew", "1", iteration);
            }

            var parallelFailed = h.Add("ParallelStateFailed", failure);
            h.Failed(parallelFailed, "Validation.Failed", "validate failed");

            var analysis = Analyze(h);

            Assert.True(h.LastId > 24990);
            Assert.Equal("Validate", analysis.FailedState);
            Assert.Equal(failure, analysis.EventId);
            Assert.Equal("Work", analysis.ResumeState);
            Assert.Equal("{\"batch\":9}", analysis.ResumeInput);
        }

        [Fact]
        public void The_25000_event_limit_resumes_at_the_state_still_open()
        {
            // A Map whose iterations each run the task Work; event 25000 is the limit failure, while Work was running.
            var h = new HistoryBuilder();
            h.Started("{\"items\":\"many\"}");
            var loop = h.Entered("Map", "Loop", "{\"items\":\"many\"}", 0);
            long previous = h.Add("MapStateStarted", loop, "mapStateStartedEventDetails", new Dictionary<string, object?> { ["length"] = 9999 });
            var index = 0;
            long lastEntered = 0;
            while (h.LastId < 24999 - 7)
            {
                var iteration = h.Add("MapIterationStarted", previous, "mapIterationStartedEventDetails", new Dictionary<string, object?> { ["name"] = "Loop", ["index"] = index++ });
                previous = h.Task("Work", $"{index}", "\"done\"", iteration);
            }

            var open = h.Add("MapIterationStarted", previous, "mapIterationStartedEventDetails", new Dictionary<string, object?> { ["name"] = "Loop", ["index"] = index });
            lastEntered = h.Entered("Task", "Work", $"{index + 1}", open);
            while (h.LastId < 24999)
            {
                h.Add("TaskScheduled", h.LastId, "taskScheduledEventDetails", new Dictionary<string, object?> { ["resourceType"] = "lambda", ["resource"] = "invoke", ["region"] = "us-east-1", ["parameters"] = "{}" });
            }

            h.Failed(h.LastId, "States.Runtime", "The execution reached the maximum number of history events (25000).");

            var analysis = Analyze(h);

            Assert.Equal(25000, h.LastId);
            Assert.Equal("Work", analysis.FailedState);
            Assert.Equal(new[] { "Loop", $"iteration {index}", "Work" }, analysis.FailedStatePath);
            Assert.Equal("Loop", analysis.ResumeState);
            Assert.Equal("{\"items\":\"many\"}", analysis.ResumeInput);
            Assert.Equal("States.Runtime", analysis.Error);
            Assert.Contains(analysis.Notes, n => n.Contains("still running"));
        }

        [Fact]
        public void A_Catch_to_Fail_inside_a_Parallel_resumes_at_the_top_level_state_around_the_raiser()
        {
            var h = new HistoryBuilder();
            h.Started("{}");
            var p = h.Entered("Parallel", "Checkout", "{\"cart\":3}", 0);
            var started = h.Add("ParallelStateStarted", p);
            var failed = h.FailingTask("Charge", "{\"cart\":3}", started, "Card.Declined");
            var exited = h.Exited("Task", "Charge", "{\"Error\":\"Card.Declined\",\"Cause\":\"no\"}", failed);
            var fail = h.Add("FailStateEntered", exited, "stateEnteredEventDetails", new Dictionary<string, object?> { ["name"] = "PaymentFailed", ["input"] = "{\"Error\":\"Card.Declined\"}" });
            var parallelFailed = h.Add("ParallelStateFailed", fail);
            h.Add("ExecutionFailed", parallelFailed, "executionFailedEventDetails", new Dictionary<string, object?> { ["error"] = "PaymentFailed" });

            var analysis = Analyze(h);

            Assert.Equal("PaymentFailed", analysis.FailedState);
            Assert.Equal("Checkout", analysis.ResumeState);
            Assert.Equal("{\"cart\":3}", analysis.ResumeInput);
            Assert.Equal("PaymentFailed", analysis.Error);
            Assert.Contains(analysis.Notes, n => n.Contains("'Charge' raised Card.Declined"));
        }

        [Fact]
        public void A_timeout_during_a_Wait_resumes_at_the_Wait()
        {
            var h = new HistoryBuilder();
            h.Started("{}");
            var before = h.Pass("Prepare", "{\"a\":1}", 0);
            var wait = h.Entered("Wait", "Cooldown", "{\"a\":1,\"ready\":false}", before);
            h.Add("ExecutionTimedOut", wait, "executionTimedOutEventDetails", new Dictionary<string, object?> { ["error"] = "States.Timeout", ["cause"] = "The execution timed out." });

            var analysis = Analyze(h);

            Assert.Equal("TIMED_OUT", analysis.Status);
            Assert.Equal("Cooldown", analysis.FailedState);
            Assert.Equal("Cooldown", analysis.ResumeState);
            Assert.Equal("{\"a\":1,\"ready\":false}", analysis.ResumeInput);
            Assert.Equal("States.Timeout", analysis.Error);
        }

        [Fact]
        public void An_abort_during_a_Map_Run_names_the_Map_and_its_run()
        {
            const string mapRun = "arn:aws:states:us-east-1:123456789012:mapRun:Bulk/Distribute:0c3b9a8e-1f0a-4c55-9c7e-3d2f1b7a6e51";
            var h = new HistoryBuilder();
            h.Started("{\"bucket\":\"b\"}");
            var map = h.Entered("Map", "Distribute", "{\"bucket\":\"b\"}", 0);
            var mapStarted = h.Add("MapStateStarted", map, "mapStateStartedEventDetails", new Dictionary<string, object?> { ["length"] = 0 });
            var run = h.Add("MapRunStarted", mapStarted, "mapRunStartedEventDetails", new Dictionary<string, object?> { ["mapRunArn"] = mapRun });
            var runAborted = h.Add("MapRunAborted", run);
            h.Add("MapStateAborted", runAborted);
            h.Add("ExecutionAborted", 0, "executionAbortedEventDetails", new Dictionary<string, object?> { ["error"] = null, ["cause"] = null });

            var analysis = Analyze(h);

            Assert.Equal("ABORTED", analysis.Status);
            Assert.Equal("Distribute", analysis.FailedState);
            Assert.Equal("Distribute", analysis.ResumeState);
            Assert.Equal(mapRun, analysis.MapRunArn);
            Assert.Equal("{\"bucket\":\"b\"}", analysis.ResumeInput);
        }

        [Fact]
        public void Without_execution_data_the_state_is_named_and_the_input_is_unknown()
        {
            var h = new HistoryBuilder(includeExecutionData: false);
            h.Started("{}");
            var first = h.Pass("Prepare", "{}", 0);
            var failure = h.FailingTask("Charge", "{}", first, "Card.Declined");
            h.Failed(failure, "Card.Declined", "declined");

            var analysis = Analyze(h);

            Assert.Equal("Charge", analysis.FailedState);
            Assert.Equal("Charge", analysis.ResumeState);
            Assert.Null(analysis.ResumeInput);
            Assert.Contains(analysis.Notes, n => n.Contains("input to resume with is unknown"));
        }

        [Fact]
        public void Top_level_variables_in_scope_at_the_resume_state_are_restored_with_their_latest_values()
        {
            const string definition = @"{ ""StartAt"": ""Init"", ""States"": {
                ""Init"": { ""Type"": ""Pass"", ""Assign"": { ""attempt"": 1, ""customer.$"": ""$.customer"" }, ""Next"": ""Bump"" },
                ""Bump"": { ""Type"": ""Pass"", ""Assign"": { ""attempt"": 2 }, ""Next"": ""Charge"" },
                ""Charge"": { ""Type"": ""Task"", ""Resource"": ""arn:aws:states:::lambda:invoke"", ""End"": true } } }";
            var h = new HistoryBuilder();
            h.Started("{\"customer\":\"c-1\"}");
            var init = h.Pass("Init", "{\"customer\":\"c-1\"}", 0, new Dictionary<string, string> { ["attempt"] = "1", ["customer"] = "\"c-1\"" });
            var bump = h.Pass("Bump", "{\"customer\":\"c-1\"}", init, new Dictionary<string, string> { ["attempt"] = "2" });
            var failure = h.FailingTask("Charge", "{\"customer\":\"c-1\"}", bump, "Card.Declined");
            h.Failed(failure, "Card.Declined", "declined");

            var analysis = Analyze(h, definition);

            Assert.Equal(new Dictionary<string, string> { ["attempt"] = "2", ["customer"] = "\"c-1\"" }, analysis.Variables);
        }
    }
}
