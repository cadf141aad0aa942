using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.History;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.GoTo
{
    /// <summary>
    /// A resumed run can fail again inside the Parallel it resumed in (the same Lambda, a little further on).
    /// Tomorrow's runbook resumes the execution again from where that run failed: in the original's names, and
    /// as precisely as the first time, so nothing that succeeded in either run is repeated.
    /// </summary>
    public sealed class ResumedRunFailureTests
    {
        /// <summary>Prepare, then Fan: branch 1 runs A, branch 2 runs B1, B2, B3; then Done.</summary>
        private const string Definition = @"{""StartAt"":""Prepare"",""States"":{
            ""Prepare"":{""Type"":""Pass"",""Next"":""Fan""},
            ""Fan"":{""Type"":""Parallel"",""Branches"":[
              {""StartAt"":""A"",""States"":{""A"":{""Type"":""Task"",""Resource"":""arn:aws:states:::lambda:invoke"",""End"":true}}},
              {""StartAt"":""B1"",""States"":{
                ""B1"":{""Type"":""Task"",""Resource"":""arn:aws:states:::lambda:invoke"",""Next"":""B2""},
                ""B2"":{""Type"":""Task"",""Resource"":""arn:aws:states:::lambda:invoke"",""Next"":""B3""},
                ""B3"":{""Type"":""Task"",""Resource"":""arn:aws:states:::lambda:invoke"",""End"":true}}}
            ],""Next"":""Done""},
            ""Done"":{""Type"":""Succeed""}}}";

        private const string Order = "{\"order\":7}";

        [Fact]
        public void A_resumed_run_that_failed_inside_the_replay_copy_resumes_again_at_the_original_Parallel_running_only_what_never_succeeded()
        {
            using var folder = new TempFolder();
            var definitionFile = folder.Write("fan.asl.json", Definition);
            var copy = new GoToRewriter().Rewrite(Definition);
            var copyFile = folder.Write("fan-goto.asl.json", copy.Definition);
            var locator = new FailurePointLocator();

            // The execution: A and B1 succeed, B2 fails.
            var first = new HistoryBuilder();
            first.Started(Order);
            var prepared = first.Pass("Prepare", Order, 1);
            var fan = first.Entered("Parallel", "Fan", Order, prepared);
            var fanStarted = first.Add("ParallelStateStarted", fan);
            first.Task("A", Order, "{\"a\":1}", fanStarted);
            var b1 = first.Task("B1", Order, "{\"b1\":1}", fanStarted);
            var b2 = first.FailingTask("B2", "{\"b1\":1}", b1, "Lambda.ServiceException");
            first.Failed(first.Add("ParallelStateFailed", b2), "Lambda.ServiceException", "B2 broke");
            var point = locator.LocateInFile(folder.Write("execution.json", Json(first)), definitionFile);
            var resume = Start(point, copy);

            // Its resumed run, as Step Functions records it: into the replay copy of Fan, A's output replayed,
            // B2 run again from its recorded input and succeeding, then B3 failing.
            var second = new HistoryBuilder();
            second.Started(resume.Input);
            var chose = second.Exited("Choice", "GoToState", resume.Input, second.Entered("Choice", "GoToState", resume.Input, 1));
            var jumped = second.Exited("Choice", "GoToState-jump", resume.Input, second.Entered("Choice", "GoToState-jump", resume.Input, chose));
            var resuming = JsonDocument.Parse(resume.Input).RootElement.GetProperty("resuming").GetRawText();
            var handed = second.Exited("Pass", "GoToState-2-replay", resuming, second.Entered("Pass", "GoToState-2-replay", resume.Input, jumped));
            var twin = second.Entered("Parallel", "Fan (replay)", resuming, handed);
            var twinStarted = second.Add("ParallelStateStarted", twin);
            var replayA = second.Exited("Choice", "GoToState-replay", resuming, second.Entered("Choice", "GoToState-replay", resuming, twinStarted));
            second.Exited("Succeed", "GoToState-recorded", "{\"a\":1}", second.Entered("Succeed", "GoToState-recorded", resuming, replayA));
            var replayB = second.Exited("Choice", "GoToState-replay_2", resuming, second.Entered("Choice", "GoToState-replay_2", resuming, twinStarted));
            var jumpB = second.Exited("Choice", "GoToState-jump_3", resuming, second.Entered("Choice", "GoToState-jump_3", resuming, replayB));
            var handB2 = second.Exited("Pass", "GoToState-resume_3", "{\"b1\":1}", second.Entered("Pass", "GoToState-resume_3", resuming, jumpB));
            var b2Again = second.Task("B2 (resumed)", "{\"b1\":1}", "{\"b2\":1}", handB2);
            var b3 = second.FailingTask("B3 (resumed)", "{\"b2\":1}", b2Again, "Lambda.ServiceException");
            second.Failed(second.Add("ParallelStateFailed", b3), "Lambda.ServiceException", "B3 broke");

            var again = ResumedRunFailure.InOriginalTerms(locator.LocateInFile(folder.Write("resumed.json", Json(second)), copyFile), copy);

            Assert.Equal("Fan", again.ResumeState);
            Assert.Equal(Order, Compact(again.ResumeInput));
            Assert.Equal("B3", again.FailedState);
            Assert.Equal("Fan > branch 2 > B3", again.FailedStatePath);
            var fanRecord = Assert.Single(again.Containers);
            Assert.Equal("Fan", fanRecord.StateName);
            Assert.Equal("{\"a\":1}", Compact(fanRecord.Branches[0].Output));
            Assert.Equal("B3", fanRecord.Branches[1].ResumeState);
            Assert.Equal("{\"b2\":1}", Compact(fanRecord.Branches[1].ResumeInput));

            // The next resume, run by an independent interpreter: only B3 is called, with what B2 gave it.
            var next = Start(again, copy);
            var ran = NodeOracle.Run("run-replay.mjs", Array.Empty<string>(), "{\"file\":" + JsonSerializer.Serialize(copyFile) + ",\"input\":" + next.Input + "}\n").Single();
            Assert.False(ran.TryGetProperty("error", out var error), error.ToString());
            var calls = ran.GetProperty("ran").EnumerateArray().Select(c => c.GetProperty("state").GetString() + " " + c.GetProperty("input").GetRawText()).ToList();
            Assert.Equal(new[] { "B3 (resumed) {\"b2\":1}" }, calls);
            Assert.Equal("[{\"a\":1},{\"b2\":1}]", Compact(ran.GetProperty("output").GetRawText()));
        }

        [Fact]
        public void A_resumed_run_that_failed_at_a_top_level_state_is_left_as_it_was_read()
        {
            var copy = new GoToRewriter().Rewrite(Definition);
            var point = new SfnResume.FailurePoint { ResumeState = "Done", FailedState = "Done", ResumeInput = "{\"input\":1}", FailedStatePath = "Done" };

            var same = ResumedRunFailure.InOriginalTerms(point, copy);

            // A top-level state's input is its own, even when it has a member named like the twin's wrapper.
            Assert.Equal("{\"input\":1}", same.ResumeInput);
            Assert.Equal("Done", same.ResumeState);
        }

        private static ResumeStart Start(SfnResume.FailurePoint point, GoToDefinition copy)
            => ResumeRequest.FromFailurePoint(point, null, inputGiven: false, offline: true).Start(null, null, copy, StateMachineDefinition.Parse(Definition), ResumePrecision.Precise);

        private static string Json(HistoryBuilder history) => "{\"events\":[" + string.Join(",", history.Events) + "]}";

        private static string? Compact(string? json) => json == null ? null : JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
    }
}
