using System;
using System.IO;
using System.Linq;
using System.Text;
using SfnResume.History;
using Xunit;

namespace SfnResume.Tests.History
{
    /// <summary>The saved-history formats users have: the API response, the AWS CLI's output, a bare array.</summary>
    public sealed class SavedHistoryTests
    {
        private static Stream Text(string json) => new MemoryStream(Encoding.UTF8.GetBytes(json));

        [Fact]
        public void The_AWS_CLI_output_with_ISO_timestamps_and_newest_first_order_is_read_oldest_first()
        {
            // aws stepfunctions get-execution-history --reverse-order prints ISO 8601 timestamps.
            const string cli = @"{
                ""events"": [
                    { ""timestamp"": ""2024-05-01T10:00:02.250000+02:00"", ""type"": ""ExecutionFailed"", ""id"": 3, ""previousEventId"": 2,
                      ""executionFailedEventDetails"": { ""error"": ""E"", ""cause"": ""c"" } },
                    { ""timestamp"": ""2024-05-01T10:00:01.000000+02:00"", ""type"": ""FailStateEntered"", ""id"": 2, ""previousEventId"": 0,
                      ""stateEnteredEventDetails"": { ""name"": ""Stop"", ""input"": ""{}"" } },
                    { ""timestamp"": ""2024-05-01T10:00:00.000000+02:00"", ""type"": ""ExecutionStarted"", ""id"": 1, ""previousEventId"": 0,
                      ""executionStartedEventDetails"": { ""input"": ""{}"" } }
                ]
            }";

            var events = SavedHistory.Read(Text(cli));

            Assert.Equal(new long[] { 1, 2, 3 }, events.Select(e => e.Id));
            Assert.Equal(new DateTime(2024, 5, 1, 8, 0, 2, 250, DateTimeKind.Utc), events[2].Timestamp);
            Assert.Equal(DateTimeKind.Utc, events[2].Timestamp.Kind);
        }

        [Fact]
        public void A_bare_array_of_events_is_read()
        {
            const string array = @"[ { ""timestamp"": 1.5, ""type"": ""ExecutionStarted"", ""id"": 1, ""previousEventId"": 0 },
                                     { ""timestamp"": 2.5, ""type"": ""ExecutionAborted"", ""id"": 2, ""previousEventId"": 0 } ]";

            var events = SavedHistory.Read(Text(array));

            Assert.Equal(new[] { "ExecutionStarted", "ExecutionAborted" }, events.Select(e => e.Type));
        }

        [Theory]
        [InlineData("not json at all")]
        [InlineData("{\"executions\":[]}")]
        [InlineData("{\"events\":[]}")]
        [InlineData("[{\"type\":\"ExecutionStarted\"}]")]
        public void Anything_else_is_a_format_error_that_says_what_was_expected(string text)
        {
            var error = Assert.Throws<HistoryFormatException>(() => SavedHistory.Read(Text(text)));

            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }

        [Theory]
        [InlineData(3)]
        [InlineData(64 * 1024)]
        public void A_definition_given_as_a_history_is_told_apart_from_other_JSON_however_it_is_read(int chunkSize)
        {
            var definition = File.ReadAllText(Path.Combine(Infrastructure.TestPaths.RepositoryRoot, "examples", "parallel.asl.json"));
            using var stream = Text(definition);

            var error = Assert.Throws<HistoryFormatException>(() => SavedHistory.Scan(new SavedHistoryFile(stream), stream, chunkSize));
            var other = Assert.Throws<HistoryFormatException>(() => SavedHistory.Read(Text("{\"States\": {}, \"Comment\": \"no StartAt\"}")));

            Assert.True(error.HoldsDefinition);
            Assert.Equal("The file holds a state machine definition (StartAt and States), not an execution's history.", error.Message);
            Assert.False(other.HoldsDefinition);
        }

        [Theory]
        [InlineData("{\"events\": [{\"id\": 1, \"type\": \"ExecutionStarted\", \"timestamp\": 1}]}")]
        [InlineData("[{\"id\": 1, \"type\": \"ExecutionStarted\", \"timestamp\": 1}]")]
        public void A_history_given_as_a_definition_is_told_apart(string history)
        {
            var error = Assert.Throws<Definitions.DefinitionFormatException>(() => Definitions.StateMachineDefinition.Parse(history));
            var other = Assert.Throws<Definitions.DefinitionFormatException>(() => Definitions.StateMachineDefinition.Parse("{\"StartAt\": \"A\"}"));

            Assert.True(error.HoldsHistory);
            Assert.False(other.HoldsHistory);
        }
    }
}
