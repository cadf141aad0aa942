using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Aws
{
    /// <summary>TestState on the wire: the API model's member names, its answers as AWS sends them, and its own host.</summary>
    public sealed class TestStateWireTests
    {
        [Fact]
        public async Task The_request_carries_the_definition_state_input_variables_and_mock_under_the_model_names()
        {
            using var endpoint = new LoopbackEndpoint(_ => LoopbackResponse.Json("{\"status\":\"SUCCEEDED\"}"));
            using var client = TestClients.For(endpoint.Url);

            await client.TestStateAsync(new TestStateRequest
            {
                Definition = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true}}}",
                StateName = "A",
                Input = "{\"foo\":1}",
                Variables = "{\"attempt\":2}",
                Mock = new MockInput { Result = "{}", FieldValidationMode = "NONE" },
            });

            var request = endpoint.Requests.Single();
            Assert.Equal("AWSStepFunctions.TestState", request.Headers["X-Amz-Target"]);
            using var body = JsonDocument.Parse(request.Body);
            var members = body.RootElement.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(new[] { "definition", "input", "mock", "stateName", "variables" }, members);
            Assert.Equal("{}", body.RootElement.GetProperty("mock").GetProperty("result").GetString());
            Assert.Equal("NONE", body.RootElement.GetProperty("mock").GetProperty("fieldValidationMode").GetString());
            Assert.Equal("{\"foo\":1}", body.RootElement.GetProperty("input").GetString());
        }

        [Fact]
        public async Task A_recorded_answer_reads_back_with_its_output_as_JSON_text_and_its_next_state()
        {
            // The recording keeps output parsed; AWS sends it as a string, as the Parallel recording still shows.
            var recorded = TestStateRecordings.Case("test_test_state_mock_scenarios.json", "TestStateMockScenarios::test_base_parallel_state_mock_success[INFO]");
            var failed = TestStateRecordings.Case("test_state_context_object.json", "TestStateContextObject::test_state_map_context_object[EXECUTION_INPUT]");
            var answers = new Queue<string>(new[]
            {
                JsonSerializer.Serialize(new { status = recorded.GetProperty("status").GetString(), output = recorded.GetProperty("output").GetString(), nextState = "Next one" }),
                JsonSerializer.Serialize(new { status = failed.GetProperty("status").GetString(), error = failed.GetProperty("error").GetString(), cause = failed.GetProperty("cause").GetString() }),
            });
            using var endpoint = new LoopbackEndpoint(_ => LoopbackResponse.Json(answers.Dequeue()));
            using var client = TestClients.For(endpoint.Url);

            var passed = await client.TestStateAsync(new TestStateRequest { Definition = "{}" });
            var refused = await client.TestStateAsync(new TestStateRequest { Definition = "{}" });

            Assert.Equal("SUCCEEDED", passed.Status);
            Assert.Equal("[{\"branch1\": \"result\"}, {\"branch2\": \"result\"}]", passed.Output);
            Assert.Equal("Next one", passed.NextState);
            Assert.Equal("FAILED", refused.Status);
            Assert.Equal("States.Runtime", refused.Error);
            Assert.Equal("Reference path \"$.Execution.Input\" must point to array.", refused.Cause);
        }

        [Fact]
        public async Task TestState_goes_to_the_sync_states_host_of_the_region_and_other_operations_to_states()
        {
            var hosts = new List<string>();
            var config = new StepFunctionsClientConfig
            {
                RegionEndpoint = RegionEndpoint.EUWest1,
                HttpClientFactory = new RecordingFactory(hosts),
                MaxErrorRetry = 0,
            };
            using var client = new StepFunctionsClient(new BasicAWSCredentials(TestClients.AccessKey, TestClients.SecretKey), config, pacer: null);

            await client.TestStateAsync(new TestStateRequest { Definition = "{}" });
            await client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = "arn:aws:states:eu-west-1:123456789012:execution:Orders:run-1" });

            Assert.Equal(new[] { "https://sync-states.eu-west-1.amazonaws.com/", "https://states.eu-west-1.amazonaws.com/" }, hosts);
        }

        [Fact]
        public void An_explicit_endpoint_serves_TestState_as_it_is()
        {
            var provider = new StepFunctionsEndpointProvider();

            var named = provider.ResolveEndpoint(new StepFunctionsEndpointParameters { Region = "eu-west-1", Endpoint = "http://127.0.0.1:4566", Operation = "TestState" });
            var fips = provider.ResolveEndpoint(new StepFunctionsEndpointParameters { Region = "us-east-1", UseFips = true, Operation = "TestState" });

            Assert.Equal("http://127.0.0.1:4566", named.URL);
            Assert.Equal("https://sync-states-fips.us-east-1.amazonaws.com", fips.URL);
        }

        /// <summary>Answers every request itself (nothing leaves the machine) and notes where it was sent.</summary>
        private sealed class RecordingFactory : HttpClientFactory
        {
            private readonly List<string> hosts;

            public RecordingFactory(List<string> hosts)
            {
                this.hosts = hosts;
            }

            public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new HttpClient(new Recorder(hosts));

            private sealed class Recorder : HttpMessageHandler
            {
                private readonly List<string> hosts;

                public Recorder(List<string> hosts)
                {
                    this.hosts = hosts;
                }

                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    lock (hosts)
                    {
                        hosts.Add(request.RequestUri!.GetLeftPart(UriPartial.Path));
                    }

                    return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
                    {
                        Content = new StringContent("{\"status\":\"SUCCEEDED\"}", Encoding.UTF8, "application/x-amz-json-1.0"),
                    });
                }
            }
        }
    }
}
