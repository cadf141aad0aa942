using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.MapRuns;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.MapRuns
{
    /// <summary>DescribeMapRun as AWS answered it (tests/fixtures/aws-recordings/map-run), read into a <see cref="MapRun"/>.</summary>
    public sealed class MapRunWireTests
    {
        private const string MapRunArn = "arn:aws:states:us-east-1:111111111111:mapRun:Machine/MapState:1f2e";

        /// <summary>The recorded answer, with its placeholder dates made epoch seconds as they are on the wire.</summary>
        private static string RecordedDescribeMapRun()
        {
            var path = Path.Combine(TestPaths.Fixtures, "aws-recordings", "map-run", "test_sfn_api_map_run.json");
            using var recording = JsonDocument.Parse(File.ReadAllText(path));
            var answer = recording.RootElement.GetProperty("cases").GetProperty("TestSnfApiMapRun::test_list_map_runs_and_describe_map_run").GetProperty("describe_map_run").GetRawText();
            return answer.Replace("\"start-date\"", "1700000000.5").Replace("\"stop-date\"", "1700000060.25");
        }

        [Fact]
        public async Task The_recorded_DescribeMapRun_answer_gives_the_runs_status_counts_and_settings()
        {
            using var endpoint = new LoopbackEndpoint(_ => LoopbackResponse.Json(RecordedDescribeMapRun()));
            using var client = TestClients.For(endpoint.Url);
            var run = new MapRun { MapRunArn = MapRunArn };

            await new MapRunReader(client, new TransientRetry(maxAttempts: 1)).DescribeAsync(run, CancellationToken.None);

            Assert.True(run.Described);
            Assert.Equal("SUCCEEDED", run.Status);
            Assert.Equal(1, run.MaxConcurrency);
            Assert.Equal(0, run.ToleratedFailureCount);
            Assert.Equal(2, run.ItemCounts!.Total);
            Assert.Equal(2, run.ItemCounts.Succeeded);
            Assert.Equal(2, run.ItemCounts.ResultsWritten);
            Assert.Equal(2, run.ExecutionCounts!.Succeeded);
            Assert.Equal(0, run.UnsuccessfulExecutions);
            Assert.Equal(0, run.ItemsToRunAgain);
            Assert.Equal(59.75, (run.StopDate!.Value - run.StartDate!.Value).TotalSeconds, 2);
            Assert.Equal("SUCCEEDED: 2 of 2 items succeeded", run.ToString());
            var request = JsonDocument.Parse(Assert.Single(endpoint.Requests).Body).RootElement;
            Assert.Equal(MapRunArn, request.GetProperty("mapRunArn").GetString());
            Assert.Equal("DescribeMapRun", endpoint.Requests[0].Operation);
        }

        [Theory]
        [InlineData("test_map_item_reader_json_no_json_list_object-080c602812.json", "Attempting to map over non-iterable node.")]
        [InlineData("test_map_item_reader_csv_headers_decl_duplicate_headers-369b8260ad.json", "CSV headers cannot contain duplicates.")]
        [InlineData("test_map_item_reader_csv_max_items_paths_1-0db126cc9e.json", "field MaxItems must be positive")]
        public void A_recorded_map_run_failure_says_why_the_run_failed_from_its_MapRunFailed_event(string file, string cause)
        {
            var point = new SfnResume.History.FailurePointLocator().LocateInFile(Path.Combine(TestPaths.Fixtures, "aws-histories", file), null);

            Assert.Equal("MapState", point.FailedState);
            Assert.Equal(point.MapRunArn, point.MapRun!.MapRunArn);
            Assert.Equal("States.ItemReaderFailed", point.MapRun.Error);
            Assert.Equal(cause, point.MapRun.Cause);
            Assert.False(point.MapRun.Described);
        }

        [Fact]
        public void A_map_runs_label_is_the_part_of_its_arn_after_the_machines_name()
        {
            Assert.Equal("ProcessOrders", new MapRun { MapRunArn = "arn:aws:states:us-east-1:123456789012:mapRun:Orders/ProcessOrders:8f2c" }.Label);
            Assert.Null(new MapRun { MapRunArn = "not-an-arn" }.Label);
        }
    }
}
