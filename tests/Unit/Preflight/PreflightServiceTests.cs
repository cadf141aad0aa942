using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.History;
using SfnResume.Preflight;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Preflight
{
    /// <summary>
    /// The preflight of one resume against a loopback TestState that answers as AWS's recorded answers show:
    /// what it asks (the state by name, the input it would be given, a mock for anything that would call
    /// out) and how it reads the answers.
    /// </summary>
    public sealed class PreflightServiceTests : IDisposable
    {
        private const string OrdersWithLookup = @"{ ""StartAt"": ""Prepare"", ""States"": {
            ""Prepare"": { ""Type"": ""Pass"", ""InputPath"": ""$.order"", ""Next"": ""Charge"" },
            ""Charge"": { ""Type"": ""Task"", ""Resource"": ""arn:aws:states:::lambda:invoke"",
                ""Parameters"": { ""FunctionName"": ""charge"", ""Payload"": { ""customer.$"": ""$.customer"" } },
                ""ResultSelector"": { ""receipt.$"": ""$.Payload.receipt"" }, ""ResultPath"": ""$.charged"", ""Next"": ""Give up"" },
            ""Give up"": { ""Type"": ""Fail"", ""Error"": ""Orders.Abandoned"", ""Cause"": ""The order cannot be charged."" },
            ""Load"": { ""Type"": ""Map"", ""ItemReader"": { ""Resource"": ""arn:aws:states:::s3:getObject"", ""Parameters"": { ""Bucket"": ""b"", ""Key"": ""k"" } },
                ""ItemProcessor"": { ""ProcessorConfig"": { ""Mode"": ""DISTRIBUTED"", ""ExecutionType"": ""STANDARD"" }, ""StartAt"": ""One"", ""States"": { ""One"": { ""Type"": ""Pass"", ""End"": true } } },
                ""End"": true } } }";

        private readonly TestStateServer testState = new TestStateServer();
        private readonly LoopbackEndpoint endpoint;
        private readonly StepFunctionsClient client;

        public PreflightServiceTests()
        {
            endpoint = new LoopbackEndpoint(testState.Handle);
            client = TestClients.For(endpoint.Url);
        }

        public void Dispose()
        {
            client.Dispose();
            endpoint.Dispose();
        }

        private IReadOnlyList<JsonElement> Asked => endpoint.Requests.Where(r => r.Operation == "TestState").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();

        private Task<PreflightOutcome> Check(string definition, string state, string? input, IReadOnlyDictionary<string, string>? variables = null)
            => new PreflightService(client).CheckAsync(new PreflightSubject(definition, state, input, variables), CancellationToken.None);

        [Fact]
        public async Task The_2017_example_fixed_to_read_foo_fails_on_its_recorded_input_and_passes_with_foo_added()
        {
            var point = new FailurePointLocator().LocateInFile(SeedMachine.HistoryPath, null);
            var fixedDefinition = SeedMachine.FixedDefinitionReadingFoo();

            var before = await Check(fixedDefinition, point.ResumeState!, point.ResumeInput, point.Variables);
            var after = await Check(fixedDefinition, point.ResumeState!, SeedMachine.CorrectedInput, point.Variables);

            Assert.Equal(PreflightStatus.Failed, before.Status);
            Assert.Equal("Parallel 2", before.StateName);
            Assert.Equal("States.Runtime", before.Error);
            Assert.Contains("'$.foo'", before.Cause, StringComparison.Ordinal);
            Assert.Contains("foo.$", before.Reason, StringComparison.Ordinal);
            Assert.Equal(PreflightStatus.Passed, after.Status);
            Assert.Equal("Final Processing", after.NextState);

            // One call each: Parallel 2 works nothing on its result, so a failure cannot lie there. Nothing ran:
            // the Parallel's two branches were given a stand-in result, and no role was passed.
            Assert.Equal(2, Asked.Count);
            foreach (var asked in Asked)
            {
                Assert.Equal("Parallel 2", asked.GetProperty("stateName").GetString());
                Assert.Equal("[{},{}]", asked.GetProperty("mock").GetProperty("result").GetString());
                Assert.False(asked.TryGetProperty("roleArn", out _));
                Assert.Equal(fixedDefinition, asked.GetProperty("definition").GetString());
            }

            Assert.True(JsonValues(point.ResumeInput!, Asked[0].GetProperty("input").GetString()!));
        }

        [Fact]
        public async Task A_Task_is_run_on_a_stand_in_result_without_a_role_so_that_nothing_is_invoked()
        {
            var outcome = await Check(OrdersMachine.Definition, "Charge", OrdersMachine.RecordedInput);

            Assert.Equal(PreflightStatus.Passed, outcome.Status);
            Assert.Equal("Done", outcome.NextState);
            Assert.Equal("{}", outcome.StandInResult);
            var asked = Assert.Single(Asked);
            Assert.Equal("{}", asked.GetProperty("mock").GetProperty("result").GetString());
            Assert.Equal("NONE", asked.GetProperty("mock").GetProperty("fieldValidationMode").GetString());
            Assert.False(asked.TryGetProperty("roleArn", out _));
        }

        [Fact]
        public async Task States_that_call_nothing_run_as_they_are_and_a_Fail_state_fails_as_it_would()
        {
            var missing = await Check(OrdersWithLookup, "Prepare", "{\"id\":7}");
            var fail = await Check(OrdersWithLookup, "Give up", "{}");

            Assert.Equal(PreflightStatus.Failed, missing.Status);
            Assert.Equal("Invalid path '$.order' : No results for path: $['order']", missing.Cause);
            Assert.Equal(PreflightStatus.Failed, fail.Status);
            Assert.Equal("Orders.Abandoned", fail.Error);
            Assert.Null(fail.StandInResult);
            Assert.All(Asked, a => Assert.False(a.TryGetProperty("mock", out _)));
        }

        [Fact]
        public async Task A_Task_whose_input_lacks_what_its_Parameters_read_fails_before_its_stand_in_result_matters()
        {
            var outcome = await Check(OrdersWithLookup, "Charge", "{\"order\":7}");

            Assert.Equal(PreflightStatus.Failed, outcome.Status);
            Assert.Equal("The JSONPath '$.customer' specified for the field 'customer.$' could not be found in the input '{\"order\":7}'", outcome.Cause);

            // Its ResultSelector could have failed on the stand-in result; asked again without it, it still fails.
            Assert.Equal(2, Asked.Count);
            Assert.DoesNotContain("ResultSelector", Asked[1].GetProperty("definition").GetString(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_failure_in_what_a_Task_does_with_its_result_is_not_judged_on_a_stand_in_result()
        {
            var outcome = await Check(OrdersWithLookup, "Charge", "{\"order\":7,\"customer\":\"c-1\"}");

            Assert.Equal(PreflightStatus.NotTestable, outcome.Status);
            Assert.Equal(PreflightCodes.ResultNotJudged, outcome.Code);
            Assert.Equal("States.Runtime", outcome.Error);
            Assert.Contains("$.Payload.receipt", outcome.Cause, StringComparison.Ordinal);
            Assert.Contains("accepts the input it would be given", outcome.Reason, StringComparison.Ordinal);
            Assert.Equal(2, Asked.Count);
            Assert.Contains("ResultSelector", Asked[0].GetProperty("definition").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("ResultSelector", Asked[1].GetProperty("definition").GetString(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task Rows_that_would_ask_the_same_share_one_call_and_the_variables_in_scope_go_with_the_input()
        {
            var service = new PreflightService(client);
            var variables = new Dictionary<string, string> { ["attempt"] = "2", ["customer"] = "{\"id\":\"c-1\"}" };
            PreflightSubject Subject(string input) => new PreflightSubject(OrdersMachine.Definition, "Charge", input, variables);

            var first = service.CheckAsync(Subject(OrdersMachine.RecordedInput), CancellationToken.None);
            var same = service.CheckAsync(Subject(OrdersMachine.RecordedInput), CancellationToken.None);
            var other = service.CheckAsync(Subject("{\"order\":43}"), CancellationToken.None);
            await Task.WhenAll(first, same, other);

            Assert.Same(await first, await same);
            Assert.Equal(2, Asked.Count);
            Assert.All(Asked, a => Assert.Equal("{\"attempt\":2,\"customer\":{\"id\":\"c-1\"}}", a.GetProperty("variables").GetString()));
        }

        [Fact]
        public async Task What_cannot_be_checked_says_why_and_a_Map_reading_from_S3_is_not_asked_about()
        {
            var itemReader = await Check(OrdersWithLookup, "Load", "{}");
            var unknownInput = await Check(OrdersMachine.Definition, "Charge", null);

            Assert.Equal((PreflightStatus.NotTestable, PreflightCodes.ItemReader), (itemReader.Status, itemReader.Code));
            Assert.Equal((PreflightStatus.NotTestable, PreflightCodes.InputUnknown), (unknownInput.Status, unknownInput.Code));
            Assert.Empty(Asked);
        }

        [Fact]
        public async Task No_permission_and_a_refusal_by_TestState_are_NotTestable_in_AWS_words()
        {
            var (code, message) = TestStateRecordings.Error("test_state_mock_validation.json", "TestStateMockValidation::test_mock_result_array_size_mismatch_on_parallel_state");
            using var denied = new LoopbackEndpoint(_ => LoopbackResponse.Error("AccessDeniedException", "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: states:TestState"));
            using var refusing = new LoopbackEndpoint(_ => LoopbackResponse.Error(code, message));
            using var deniedClient = TestClients.For(denied.Url, maxErrorRetry: 0);
            using var refusingClient = TestClients.For(refusing.Url, maxErrorRetry: 0);
            var subject = new PreflightSubject(SeedMachine.Definition, "Parallel 2", SeedMachine.RecordedInput, null);

            var noPermission = await new PreflightService(deniedClient).CheckAsync(subject, CancellationToken.None);
            var refused = await new PreflightService(refusingClient).CheckAsync(subject, CancellationToken.None);

            Assert.Equal((PreflightStatus.NotTestable, PreflightCodes.NoPermission), (noPermission.Status, noPermission.Code));
            Assert.Contains("states:TestState", noPermission.Reason, StringComparison.Ordinal);
            Assert.Equal((PreflightStatus.NotTestable, PreflightCodes.TestStateRefused), (refused.Status, refused.Code));
            Assert.Contains(message, refused.Reason, StringComparison.Ordinal);
        }

        private static bool JsonValues(string a, string b) => SfnResume.Json.JsonValues.SameJson(a, b);
    }
}
