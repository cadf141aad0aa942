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
    }
}
