using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.Runtime.Endpoints;
using SfnResume.Aws.Logs;
using SfnResume.Aws.Logs.Model;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Express
{
    /// <summary>What the CloudWatch Logs client puts on the wire and how it reads answers, on a loopback endpoint.</summary>
    public sealed class CloudWatchLogsClientWireTests
    {
        [Fact]
        public async Task Every_operation_is_a_json_1_1_post_signed_for_logs_with_its_target()
        {
            using var endpoint = new LoopbackEndpoint(_ => LoopbackResponse.Json("{}"));
            using var client = TestLogsClients.For(endpoint.Url, region: "ap-southeast-2");

            await client.FilterLogEventsAsync(new FilterLogEventsRequest { LogGroupName = "/aws/vendedlogs/states/Orders" });
            await client.DescribeLogGroupsAsync(new DescribeLogGroupsRequest { LogGroupNamePrefix = "/aws/vendedlogs/states/Orders" });
            await client.StartQueryAsync(new StartQueryRequest { LogGroupName = "g", QueryString = "fields @message", StartTime = 1, EndTime = 2 });
            await client.GetQueryResultsAsync(new GetQueryResultsRequest { QueryId = "q-1" });

            Assert.Equal(new[] { "FilterLogEvents", "DescribeLogGroups", "StartQuery", "GetQueryResults" }, endpoint.Requests.Select(r => r.Operation));
            foreach (var request in endpoint.Requests)
            {
                Assert.Equal("POST", request.Method);
                Assert.Equal("/", request.Path);
                Assert.StartsWith("Logs_20140328.", request.Headers["X-Amz-Target"]);
                Assert.StartsWith("application/x-amz-json-1.1", request.Headers["Content-Type"]);
                var authorization = request.Headers["Authorization"];
                Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", authorization);
                var scope = authorization.Split(new[] { "Credential=" }, StringSplitOptions.None)[1].Split(',')[0];
                Assert.EndsWith("/ap-southeast-2/logs/aws4_request", scope);
            }
        }

        [Fact]
        public async Task FilterLogEvents_sends_the_api_member_names_and_reads_events_and_the_next_token()
        {
            using var endpoint = new LoopbackEndpoint(_ => LoopbackResponse.Json(
                @"{""events"":[{""logStreamName"":""s1"",""timestamp"":1700000000123,""message"":""{\""id\"":\""1\""}"",""ingestionTime"":1700000000200,""eventId"":""e1""}],""nextToken"":""t2"",""searchedLogStreams"":[]}"));
            using var client = TestLogsClients.For(endpoint.Url);

            var page = await client.FilterLogEventsAsync(new FilterLogEventsRequest
            {
                LogGroupName = "g",
                FilterPattern = "{ $.type = \"ExecutionFailed\" }",
                StartTime = 1700000000000,
                EndTime = 1700003600000,
            });

            using var body = JsonDocument.Parse(endpoint.Requests.Single().Body);
            Assert.Equal(new[] { "endTime", "filterPattern", "logGroupName", "startTime" }, body.RootElement.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(1700000000000, body.RootElement.GetProperty("startTime").GetInt64());
            var only = Assert.Single(page.Events);
            Assert.Equal("{\"id\":\"1\"}", only.Message);
            Assert.Equal(1700000000123, only.Timestamp);
            Assert.Equal("t2", page.NextToken);
        }

        [Fact]
        public async Task A_deleted_log_group_is_a_logs_exception_with_the_aws_code()
        {
            using var endpoint = new LoopbackEndpoint(_ => new LoopbackResponse(400, @"{""__type"":""ResourceNotFoundException"",""message"":""The specified log group does not exist.""}"));
            using var client = TestLogsClients.For(endpoint.Url, maxErrorRetry: 0);

            var error = await Assert.ThrowsAsync<CloudWatchLogsException>(() => client.FilterLogEventsAsync(new FilterLogEventsRequest { LogGroupName = "gone" }));

            Assert.Equal("ResourceNotFoundException", error.ErrorCode);
            Assert.Equal("The specified log group does not exist.", error.Message);
        }

        [Fact]
        public async Task The_sdk_retries_a_throttled_call()
        {
            var calls = 0;
            using var endpoint = new LoopbackEndpoint(_ => ++calls == 1
                ? new LoopbackResponse(400, @"{""__type"":""ThrottlingException"",""message"":""Rate exceeded""}")
                : LoopbackResponse.Json(@"{""logGroups"":[{""logGroupName"":""g"",""retentionInDays"":7}]}"));
            using var client = TestLogsClients.For(endpoint.Url);

            var groups = await client.DescribeLogGroupsAsync(new DescribeLogGroupsRequest { LogGroupNamePrefix = "g" });

            Assert.Equal(7, Assert.Single(groups.LogGroups).RetentionInDays);
            Assert.Equal(2, endpoint.Count("DescribeLogGroups"));
        }

        [Theory]
        [InlineData("eu-west-1", false, "https://logs.eu-west-1.amazonaws.com")]
        [InlineData("cn-north-1", false, "https://logs.cn-north-1.amazonaws.com.cn")]
        [InlineData("us-gov-west-1", true, "https://logs-fips.us-gov-west-1.amazonaws.com")]
        public void Regional_endpoints_are_the_logs_hosts_of_the_region_partition(string region, bool fips, string expected)
        {
            var endpoint = new CloudWatchLogsEndpointProvider().ResolveEndpoint(new CloudWatchLogsEndpointParameters { Region = region, UseFips = fips });

            Assert.Equal(expected, endpoint.URL);
        }
    }
}
