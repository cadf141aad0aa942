using System;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Aws
{
    /// <summary>What the client puts on the wire and how it treats answers, checked on a loopback endpoint.</summary>
    public sealed class StepFunctionsClientWireTests
    {
        private const string ExecutionArn = "arn:aws:states:eu-west-1:123456789012:execution:Orders:run-1";

        private static StepFunctionsClient ClientFor(LoopbackEndpoint endpoint, string region = "eu-west-1", int? maxErrorRetry = null)
            => TestClients.For(endpoint.Url, region, maxErrorRetry);

        [Fact]
        public async Task Every_operation_is_a_signed_json_1_0_post_with_its_target()
        {
            using var endpoint = new LoopbackEndpoint(_ => LoopbackResponse.Json("{}"));
            using var client = ClientFor(endpoint, region: "ap-southeast-2");

            await client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = ExecutionArn });
            await client.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = ExecutionArn, ReverseOrder = true });
            await client.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = "arn:aws:states:eu-west-1:123456789012:stateMachine:Orders" });
            await client.DescribeStateMachineForExecutionAsync(new DescribeStateMachineForExecutionRequest { ExecutionArn = ExecutionArn });
            await client.RedriveExecutionAsync(new RedriveExecutionRequest { ExecutionArn = ExecutionArn, ClientToken = "token-1" });

            Assert.Equal(
                new[] { "DescribeExecution", "GetExecutionHistory", "ListExecutions", "DescribeStateMachineForExecution", "RedriveExecution" },
                endpoint.Requests.Select(r => r.Operation));
            foreach (var request in endpoint.Requests)
            {
                Assert.Equal("POST", request.Method);
                Assert.Equal("/", request.Path);
                Assert.StartsWith("AWSStepFunctions.", request.Headers["X-Amz-Target"]);
                Assert.StartsWith("application/x-amz-json-1.0", request.Headers["Content-Type"]);
                var authorization = request.Headers["Authorization"];
                Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", authorization);
                var scope = authorization.Split(new[] { "Credential=" }, StringSplitOptions.None)[1].Split(',')[0];
                Assert.EndsWith("/ap-southeast-2/states/aws4_request", scope);
                Assert.Contains("SignedHeaders=", authorization);
                Assert.Contains("x-amz-target", authorization.Split(new[] { "SignedHeaders=" }, StringSplitOptions.None)[1].Split(',')[0]);
            }
        }

        [Fact]
        public async Task Request_bodies_use_the_api_member_names_and_leave_out_what_is_not_set()
        {
            using var endpoint = new LoopbackEndpoint(_ => LoopbackResponse.Json("{}"));
            using var client = ClientFor(endpoint);

            await client.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = ExecutionArn, ReverseOrder = true, MaxResults = 1000, IncludeExecutionData = false });

            using var body = JsonDocument.Parse(endpoint.Requests.Single().Body);
            var members = body.RootElement.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Assert.Equal(new[] { "executionArn", "includeExecutionData", "maxResults", "reverseOrder" }, members);
            Assert.True(body.RootElement.GetProperty("reverseOrder").GetBoolean());
            Assert.Equal(1000, body.RootElement.GetProperty("maxResults").GetInt32());
        }

        [Fact]
        public async Task DeleteStateMachine_sends_the_machine_arn_alone_and_reads_the_empty_answer()
        {
            using var endpoint = new LoopbackEndpoint(_ => LoopbackResponse.Json("{}"));
            using var client = ClientFor(endpoint);

            var response = await client.DeleteStateMachineAsync(new DeleteStateMachineRequest { StateMachineArn = "arn:aws:states:eu-west-1:123456789012:stateMachine:Orders-goto" });

            Assert.NotNull(response);
            var request = endpoint.Requests.Single();
            Assert.Equal("AWSStepFunctions.DeleteStateMachine", request.Headers["X-Amz-Target"]);
            Assert.Equal(@"{""stateMachineArn"":""arn:aws:states:eu-west-1:123456789012:stateMachine:Orders-goto""}", request.Body);
        }

        [Fact]
        public async Task Responses_are_read_with_epoch_second_timestamps_and_event_details()
        {
            const string page = @"{""events"":[{""timestamp"":1503725123.924,""type"":""TaskStateEntered"",""id"":4,""previousEventId"":3,
                ""stateEnteredEventDetails"":{""name"":""Step 1"",""input"":""{\""a\"":1}"",""inputDetails"":{""truncated"":false}}}]}";
            using var endpoint = new LoopbackEndpoint(_ => LoopbackResponse.Json(page));
            using var client = ClientFor(endpoint);

            var response = await client.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = ExecutionArn });

            var historyEvent = Assert.Single(response.Events);
            Assert.Equal(new DateTime(2017, 8, 26, 5, 25, 23, 924, DateTimeKind.Utc), historyEvent.Timestamp);
            Assert.Equal("TaskStateEntered", historyEvent.Type);
            Assert.Equal(4, historyEvent.Id);
            Assert.Equal(3, historyEvent.PreviousEventId);
            Assert.Equal("stateEnteredEventDetails", historyEvent.DetailsName);
            Assert.Equal("Step 1", historyEvent.Details!.Name);
            Assert.Equal("{\"a\":1}", historyEvent.Details.Input);
            Assert.True(historyEvent.Details.OtherMembers!.ContainsKey("inputDetails"));
            Assert.Null(response.NextToken);
        }

        [Fact]
        public async Task Pages_follow_next_token_with_the_other_arguments_unchanged()
        {
            using var endpoint = new LoopbackEndpoint(request =>
            {
                using var body = JsonDocument.Parse(request.Body);
                var token = body.RootElement.TryGetProperty("nextToken", out var t) ? t.GetString() : null;
                return token switch
                {
                    null => LoopbackResponse.Json(@"{""events"":[{""timestamp"":3,""type"":""ExecutionFailed"",""id"":3,""previousEventId"":2}],""nextToken"":""page-2""}"),
                    "page-2" => LoopbackResponse.Json(@"{""events"":[{""timestamp"":2,""type"":""TaskStateEntered"",""id"":2,""previousEventId"":1}],""nextToken"":""page-3""}"),
                    _ => LoopbackResponse.Json(@"{""events"":[{""timestamp"":1,""type"":""ExecutionStarted"",""id"":1,""previousEventId"":0}]}"),
                };
            });
            using var client = ClientFor(endpoint);

            var ids = new System.Collections.Generic.List<long>();
            await foreach (var page in client.GetExecutionHistoryPagesAsync(new GetExecutionHistoryRequest { ExecutionArn = ExecutionArn, ReverseOrder = true, MaxResults = 1 }))
            {
                ids.AddRange(page.Events.Select(e => e.Id));
            }

            Assert.Equal(new long[] { 3, 2, 1 }, ids);
            var bodies = endpoint.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToArray();
            Assert.Equal(3, bodies.Length);
            Assert.False(bodies[0].TryGetProperty("nextToken", out _));
            Assert.Equal("page-2", bodies[1].GetProperty("nextToken").GetString());
            Assert.Equal("page-3", bodies[2].GetProperty("nextToken").GetString());
            Assert.All(bodies, b =>
            {
                Assert.True(b.GetProperty("reverseOrder").GetBoolean());
                Assert.Equal(1, b.GetProperty("maxResults").GetInt32());
                Assert.Equal(ExecutionArn, b.GetProperty("executionArn").GetString());
            });
        }

        [Fact]
        public async Task Execution_and_state_machine_lists_follow_next_token_with_their_filters_unchanged()
        {
            using var endpoint = new LoopbackEndpoint(request =>
            {
                using var body = JsonDocument.Parse(request.Body);
                var second = body.RootElement.TryGetProperty("nextToken", out _);
                return request.Operation == "ListExecutions"
                    ? LoopbackResponse.Json(second
                        ? @"{""executions"":[{""executionArn"":""arn:b"",""stateMachineArn"":""sm"",""name"":""b"",""status"":""FAILED"",""startDate"":2}]}"
                        : @"{""executions"":[{""executionArn"":""arn:a"",""stateMachineArn"":""sm"",""name"":""a"",""status"":""FAILED"",""startDate"":1}],""nextToken"":""t2""}")
                    : LoopbackResponse.Json(second
                        ? @"{""stateMachines"":[{""stateMachineArn"":""sm2"",""name"":""Two"",""type"":""EXPRESS"",""creationDate"":2}]}"
                        : @"{""stateMachines"":[{""stateMachineArn"":""sm1"",""name"":""One"",""type"":""STANDARD"",""creationDate"":1}],""nextToken"":""t2""}");
            });
            using var client = ClientFor(endpoint);

            var executions = new System.Collections.Generic.List<string>();
            await foreach (var page in client.ListExecutionsPagesAsync(new ListExecutionsRequest { StateMachineArn = "sm", StatusFilter = "FAILED", RedriveFilter = "NOT_REDRIVEN" }))
            {
                executions.AddRange(page.Executions.Select(e => e.ExecutionArn));
            }

            var machines = new System.Collections.Generic.List<string>();
            await foreach (var page in client.ListStateMachinesPagesAsync(new ListStateMachinesRequest { MaxResults = 1 }))
            {
                machines.AddRange(page.StateMachines.Select(m => m.Name + "/" + m.Type));
            }

            Assert.Equal(new[] { "arn:a", "arn:b" }, executions);
            Assert.Equal(new[] { "One/STANDARD", "Two/EXPRESS" }, machines);
            var lists = endpoint.Requests.Where(r => r.Operation == "ListExecutions").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
            Assert.Equal(2, lists.Count);
            Assert.All(lists, b =>
            {
                Assert.Equal("FAILED", b.GetProperty("statusFilter").GetString());
                Assert.Equal("NOT_REDRIVEN", b.GetProperty("redriveFilter").GetString());
            });
            Assert.Equal("t2", lists[1].GetProperty("nextToken").GetString());
            Assert.Equal(2, endpoint.Count("ListStateMachines"));
        }

        [Fact]
        public async Task A_consumer_that_stops_early_makes_no_further_request()
        {
            using var endpoint = new LoopbackEndpoint(_ => LoopbackResponse.Json(@"{""events"":[],""nextToken"":""more""}"));
            using var client = ClientFor(endpoint);

            await foreach (var page in client.GetExecutionHistoryPagesAsync(new GetExecutionHistoryRequest { ExecutionArn = ExecutionArn }))
            {
                break;
            }

            Assert.Equal(1, endpoint.Count("GetExecutionHistory"));
        }

        [Fact]
        public async Task Throttling_is_retried_with_backoff_then_surfaces_as_the_typed_error()
        {
            using var endpoint = new LoopbackEndpoint(_ => LoopbackResponse.Error("ThrottlingException", "Rate exceeded"));
            using var client = ClientFor(endpoint, maxErrorRetry: 3);

            var clock = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = ExecutionArn }));
            clock.Stop();

            Assert.Equal("ThrottlingException", error.ErrorCode);
            Assert.Equal("Rate exceeded", error.Message);
            Assert.False(string.IsNullOrEmpty(error.RequestId));
            Assert.Equal(4, endpoint.Count("DescribeExecution"));
            AssertBackedOff(endpoint);
        }

        [Fact]
        public async Task Server_errors_are_retried_and_a_later_success_is_returned()
        {
            var calls = 0;
            using var endpoint = new LoopbackEndpoint(_ => Interlocked.Increment(ref calls) <= 2
                ? new LoopbackResponse(500, "{\"__type\":\"InternalFailure\",\"message\":\"boom\"}")
                : LoopbackResponse.Json(@"{""executionArn"":""" + ExecutionArn + @""",""stateMachineArn"":""sm"",""status"":""FAILED"",""startDate"":1700000000}"));
            using var client = ClientFor(endpoint, maxErrorRetry: 3);

            var response = await client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = ExecutionArn });

            Assert.Equal("FAILED", response.Status);
            Assert.Equal(3, endpoint.Count("DescribeExecution"));
        }

        [Fact]
        public async Task Server_errors_that_persist_surface_with_their_status_code()
        {
            using var endpoint = new LoopbackEndpoint(_ => new LoopbackResponse(500, "{\"__type\":\"InternalFailure\",\"message\":\"boom\"}"));
            using var client = ClientFor(endpoint, maxErrorRetry: 2);

            var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = ExecutionArn }));

            Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.StatusCode);
            Assert.Equal("InternalFailure", error.ErrorCode);
            Assert.Equal(3, endpoint.Count("DescribeExecution"));
        }

        [Theory]
        [InlineData("ValidationException", "1 validation error detected")]
        [InlineData("ExecutionDoesNotExist", "Execution Does Not Exist: 'arn'")]
        [InlineData("ExecutionNotRedrivable", "Execution is SUCCEEDED")]
        public async Task Client_errors_are_not_retried_and_keep_their_code(string code, string message)
        {
            using var endpoint = new LoopbackEndpoint(_ => LoopbackResponse.Error(code, message));
            using var client = ClientFor(endpoint, maxErrorRetry: 3);

            var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.RedriveExecutionAsync(new RedriveExecutionRequest { ExecutionArn = ExecutionArn }));

            Assert.Equal(code, error.ErrorCode);
            Assert.Equal(message, error.Message);
            Assert.Equal(1, endpoint.Count("RedriveExecution"));
        }

        [Fact]
        public async Task Cancellation_stops_a_request_that_is_waiting_for_an_answer()
        {
            using var endpoint = new LoopbackEndpoint(_ => LoopbackResponse.Json("{}"), latency: TimeSpan.FromSeconds(30));
            using var client = ClientFor(endpoint);
            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

            var clock = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = ExecutionArn }, cancellation.Token));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"cancellation took {clock.Elapsed}");
        }

        private static void AssertBackedOff(LoopbackEndpoint endpoint)
        {
            // Retries are spread out, not fired back to back. The SDK's standard mode waits a random share
            // ("full jitter") of an exponentially growing delay, so single gaps can be short; the sum of three
            // waits staying under 20 ms is vanishingly unlikely, while retries without backoff take ~1 ms on loopback.
            var times = endpoint.Requests.Select(r => r.ReceivedAt).OrderBy(t => t).ToArray();
            var waited = times.Last() - times.First();
            Assert.True(waited >= TimeSpan.FromMilliseconds(20), $"retries came {waited.TotalMilliseconds:F0} ms apart in all");
        }
    }
}
