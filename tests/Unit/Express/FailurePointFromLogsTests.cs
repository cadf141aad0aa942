using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfnResume.Definitions;
using SfnResume.Express;
using SfnResume.History;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Express
{
    /// <summary>
    /// The failure point of an Express execution read from its CloudWatch Logs records equals the failure point read
    /// from the same execution's history: for the records AWS wrote next to GetExecutionHistory
    /// (tests/fixtures/aws-recordings/logs), and for every recorded history turned into records the way AWS logs them.
    /// </summary>
    public sealed class FailurePointFromLogsTests : IDisposable
    {
        private readonly TempFolder folder = new TempFolder();
        private readonly ExpressFailurePointLocator express = new ExpressFailurePointLocator();

        public void Dispose() => folder.Dispose();

        public static TheoryData<string> RecordedAtAll() => Cases(id => id.Contains("_ALL_"));

        public static TheoryData<string> RecordedBelowAll() => Cases(id => id.Contains("_ERROR_") || id.Contains("_FATAL_") || id.Contains("_OFF_"));

        public static TheoryData<string> Histories()
        {
            var data = new TheoryData<string>();
            foreach (var file in HistoryFiles())
            {
                data.Add(Path.GetFileName(file));
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(RecordedAtAll))]
        public void A_recorded_execution_logged_at_ALL_has_the_failure_point_of_its_history(string recordedCase)
        {
            var recorded = LogRecordFixtures.Recordings()[recordedCase];
            var records = LogRecordFixtures.RecordedRecords(recorded);
            var withData = recordedCase.EndsWith("_True]", StringComparison.Ordinal);
            var history = folder.Write("history.json", LogRecordFixtures.HistoryFileText(recorded));
            var logs = folder.Write("records.json", LogRecordFixtures.FilterLogEventsOutput(records));

            var fromHistory = Outcome(() => new[] { new FailurePointLocator().LocateInFileWith(history, null) });
            var fromLogs = Outcome(() => express.LocateInFile(logs, null, null, default).ToArray());

            if (withData)
            {
                Assert.Equal(fromHistory, fromLogs);
            }
            else
            {
                // Without execution data the records name the states and the error, not the inputs.
                Assert.Equal(WithoutInputs(fromHistory), WithoutInputs(fromLogs));
                Assert.DoesNotContain("\"ResumeInput\":\"", fromLogs);
            }
        }

        [Theory]
        [MemberData(nameof(RecordedBelowAll))]
        public void A_recorded_execution_logged_below_ALL_is_refused_with_the_reason(string recordedCase)
        {
            var records = LogRecordFixtures.RecordedRecords(LogRecordFixtures.Recordings()[recordedCase]);
            var logs = folder.Write("records.json", LogRecordFixtures.FilterLogEventsOutput(records));

            var error = Assert.Throws<ExpressLogsException>(() => express.LocateInFile(logs, null, null, default).ToArray());

            // ERROR and FATAL log failure events only (a FailStateEntered, an ExecutionFailed); OFF nothing, nor do
            // ERROR and FATAL for an execution that succeeded.
            Assert.Equal(records.Count == 0 ? ExpressLogsException.NoRecordsInFile : ExpressLogsException.RecordsIncomplete, error.Code);
            if (records.Count > 0)
            {
                Assert.Contains("none for event 1", error.Message);
            }
        }

        [Fact]
        public void A_group_of_executions_that_all_succeeded_gives_no_failure_point_and_says_why_for_each()
        {
            var multiple = LogRecordFixtures.Recordings()["TestLogs::test_log_group_with_multiple_runs"];
            var records = LogRecordFixtures.RecordedRecords(multiple);
            var logs = folder.Write("records.json", LogRecordFixtures.FilterLogEventsOutput(records));
            var skipped = new List<string>();

            var points = express.LocateInFile(logs, null, skipped.Add, default).ToArray();

            Assert.Empty(points);
            Assert.Equal(3, skipped.Count);
            Assert.All(skipped, s => Assert.Contains("SUCCEEDED", s));
        }

        [Theory]
        [MemberData(nameof(Histories))]
        public void A_recorded_history_logged_the_way_AWS_logs_it_has_the_same_failure_point(string historyFile)
        {
            var files = HistoryFiles();
            var index = files.FindIndex(f => Path.GetFileName(f) == historyFile);
            var path = files[index];
            var arn = ExpressLogServer.ExecutionArn("target");

            // Two other executions' records share the streams with this one's.
            var others = new[] { files[(index + 1) % files.Count], files[(index + 2) % files.Count] }
                .Select((f, i) => LogRecordFixtures.RecordsOf(File.ReadAllText(f), ExpressLogServer.ExecutionArn("other-" + i)))
                .ToArray();
            var logs = folder.Write("records.json", LogRecordFixtures.FilterLogEventsOutput(
                new[] { LogRecordFixtures.RecordsOf(File.ReadAllText(path), arn) }.Concat(others).ToArray()));

            var fromHistory = Outcome(() => new[] { new FailurePointLocator().LocateInFileWith(path, null) });
            var fromLogs = Outcome(() => express.LocateInFile(logs, null, null, default).Where(p => p.ExecutionArn == arn).ToArray());

            Assert.Equal(fromHistory, fromLogs);
        }

        [Theory]
        [InlineData("test_parallel_state_fail-e6bd3060bf.json", "scenarios__parallel_state_fail.json")]
        [InlineData("test_map_state_retry-7ddd4d18b5.json", "scenarios__map_state_retry.json")]
        public void With_the_definition_the_containers_for_a_precise_resume_are_those_of_the_history(string historyFile, string definitionFile)
        {
            var path = Path.Combine(TestPaths.Fixtures, "aws-histories", historyFile);
            var definition = StateMachineDefinition.Parse(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "aws-definitions", definitionFile)));
            var arn = ExpressLogServer.ExecutionArn("target");
            var logs = folder.Write("records.json", LogRecordFixtures.FilterLogEventsOutput(LogRecordFixtures.RecordsOf(File.ReadAllText(path), arn)));

            var fromHistory = new FailurePointLocator().LocateInFileWith(path, definition);
            var fromLogs = express.LocateInFile(logs, definition, null, default).Single();

            Assert.NotEmpty(fromLogs.Containers);
            Assert.Equal(Summary(fromHistory), Summary(fromLogs));
        }

        [Fact]
        public void Records_saved_from_a_logs_insights_query_give_the_same_answer_as_from_filter_log_events()
        {
            var path = Path.Combine(TestPaths.Fixtures, "aws-histories", "test_parallel_state_fail-e6bd3060bf.json");
            var records = LogRecordFixtures.RecordsOf(File.ReadAllText(path), ExpressLogServer.ExecutionArn("target"));
            var filtered = folder.Write("filtered.json", LogRecordFixtures.FilterLogEventsOutput(records));
            var queried = folder.Write("queried.json", LogRecordFixtures.QueryResultsOutput(records));

            Assert.True(LogRecordFile.Holds(queried));
            Assert.True(LogRecordFile.Holds(filtered));
            Assert.False(LogRecordFile.Holds(path));
            Assert.Equal(Summary(express.LocateInFile(filtered, null, null, default).Single()), Summary(express.LocateInFile(queried, null, null, default).Single()));
        }

        [Fact]
        public void A_truncated_record_leaves_the_input_unknown_and_says_so()
        {
            var recorded = LogRecordFixtures.Recordings()["TestLogs::test_base[wait_seconds_path.json5_ALL_True]"];
            var records = LogRecordFixtures.RecordedRecords(recorded).Select(r => r.DeepClone().AsObject()).ToList();
            var entered = records.Single(r => r["type"]!.GetValue<string>() == "WaitStateEntered")["details"]!.AsObject();
            entered["input"] = "{\"input\":{\"waitSeconds\":\"aaaaaaaa";
            entered["inputDetails"] = new JsonObject { ["truncated"] = true };
            var logs = folder.Write("records.json", LogRecordFixtures.FilterLogEventsOutput(records));

            var point = express.LocateInFile(logs, null, null, default).Single();

            Assert.Equal("WaitState", point.ResumeState);
            Assert.False(point.InputKnown);
            Assert.Contains(point.Notes, n => n.Contains("truncated the record of 'WaitState'"));
        }

        private static List<string> HistoryFiles()
            => Directory.GetFiles(Path.Combine(TestPaths.Fixtures, "aws-histories"), "*.json").OrderBy(f => f, StringComparer.Ordinal).ToList();

        private static TheoryData<string> Cases(Func<string, bool> which)
        {
            var data = new TheoryData<string>();
            foreach (var id in LogRecordFixtures.Recordings().Keys.Where(k => k.StartsWith("TestLogs::test_", StringComparison.Ordinal) && which(k)))
            {
                data.Add(id);
            }

            return data;
        }

        /// <summary>What a user reads off the failure points, or the error in their place.</summary>
        private static string Outcome(Func<IReadOnlyList<FailurePoint>> locate)
        {
            try
            {
                return string.Join("\n", locate().Select(Summary));
            }
            catch (Exception e) when (e is ExecutionNotFailedException || e is HistoryFormatException || e is DefinitionFormatException)
            {
                return e.GetType().Name + ": " + (e is ExecutionNotFailedException notFailed ? notFailed.Status : e.Message);
            }
        }

        private static string Summary(FailurePoint p) => JsonSerializer.Serialize(new
        {
            p.Status,
            p.FailedState,
            p.FailedStatePath,
            p.ResumeState,
            p.ResumeInput,
            p.FailedStateInput,
            p.Variables,
            p.Error,
            p.Cause,
            p.EventId,
            p.FailedAt,
            p.RetryCount,
            p.MapRunArn,
            Containers = JsonSerializer.Serialize(p.Containers),
            p.Notes,
        });

        private static string WithoutInputs(string outcome)
        {
            if (!outcome.StartsWith("{", StringComparison.Ordinal))
            {
                return outcome;
            }

            var node = JsonNode.Parse(outcome)!.AsObject();
            node.Remove("ResumeInput");
            node.Remove("FailedStateInput");
            node.Remove("Notes");
            return node.ToJsonString();
        }
    }
}
