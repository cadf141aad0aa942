using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.GoTo
{
    /// <summary>
    /// What New-SfnGoToStateMachine decides before it changes anything: which state, which input, and why not,
    /// checked against the 2017 sample's definition (Parallel, Parallel 2 with two branches, Final Processing).
    /// </summary>
    public sealed class ResumeRequestTests
    {
        private static readonly StateMachineDefinition Sample =
            StateMachineDefinition.Parse(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "seed", "ParallelStateMachine.asl.json")));

        private static FailurePoint Point(string? input = "{\"Message\":\"hi\",\"output\":[1,2]}") => new FailurePoint
        {
            ExecutionArn = "arn:aws:states:us-west-2:123456789012:execution:ParallelStateMachine:run-1",
            ExecutionName = "run-1",
            StateMachineArn = "arn:aws:states:us-west-2:123456789012:stateMachine:ParallelStateMachine",
            ResumeState = "Parallel 2",
            ResumeInput = input,
            Variables = new Dictionary<string, string> { ["attempt"] = "2" },
        };

        [Fact]
        public void A_failure_point_resumes_at_its_state_with_its_recorded_input_and_variables()
        {
            var request = ResumeRequest.FromFailurePoint(Point(), stateName: null, inputGiven: false);
            request.CheckAgainst(Sample);

            Assert.Equal("Parallel 2", request.State);
            Assert.Equal("{\"Message\":\"hi\",\"output\":[1,2]}", request.Input(null, null));
            Assert.Equal("arn:aws:states:us-west-2:123456789012:execution:ParallelStateMachine:run-1", request.ExecutionArn);
            using var envelope = JsonDocument.Parse(request.ResumingInput(request.Input(null, null), new[] { "attempt" }));
            Assert.Equal("2", envelope.RootElement.GetProperty("resuming").GetProperty("variables").GetProperty("attempt").GetRawText());
        }

        [Fact]
        public void Naming_another_state_drops_the_input_and_variables_recorded_for_the_failed_one()
        {
            var request = ResumeRequest.FromFailurePoint(Point(), stateName: "Final Processing", inputGiven: false);

            Assert.Null(request.RecordedInput);
            Assert.Empty(request.Variables);
            Assert.Equal("{}", request.Input(null, null));
        }

        [Fact]
        public void A_patch_corrects_the_recorded_input_and_a_replacement_replaces_it()
        {
            var request = ResumeRequest.FromFailurePoint(Point(), stateName: null, inputGiven: false);

            Assert.Equal("{\"Message\":\"hi\",\"output\":[1,2],\"foo\":1}", request.Input(null, "{\"foo\":1}"));
            Assert.Equal("{\"Message\":\"hi\"}", request.Input(null, "{\"output\":null}"));
            Assert.Equal("{\"other\":true,\"foo\":1}", request.Input("{\"other\":true}", "{\"foo\":1}"));
        }

        [Theory]
        [InlineData("{not json", null)]
        [InlineData(null, "[unclosed")]
        public void Input_or_a_patch_that_is_not_JSON_is_InvalidInput(string? replacement, string? patch)
        {
            var request = ResumeRequest.ForState("Parallel 2", stateMachineArn: null);

            var problem = Assert.Throws<ResumeRequestException>(() => request.Input(replacement, patch));

            Assert.Equal(ResumeProblem.InvalidInput, problem.Problem);
            Assert.Equal(replacement != null ? ResumeInputPart.Replacement : ResumeInputPart.Patch, problem.InputPart);
            Assert.IsType<System.Text.Json.JsonException>(problem.InnerException, exactMatch: false);
        }

        [Fact]
        public void A_nested_state_names_its_top_level_ancestor()
        {
            var problem = Assert.Throws<ResumeRequestException>(() => ResumeRequest.ForState("Parallel Step 2, Process 2", null).CheckAgainst(Sample));

            Assert.Equal(ResumeProblem.NotTopLevelState, problem.Problem);
            Assert.Equal("Parallel Step 2, Process 2", problem.StateName);
            Assert.Equal("Parallel 2", problem.Ancestor);
            Assert.False(problem.WholeStateAsked);
            Assert.Contains("needs a failure point that failed inside it", problem.Message);
        }

        [Fact]
        public void An_unknown_state_lists_the_top_level_states()
        {
            var problem = Assert.Throws<ResumeRequestException>(() => ResumeRequest.ForState("Paralel 2", null).CheckAgainst(Sample));

            Assert.Equal(ResumeProblem.UnknownState, problem.Problem);
            Assert.Contains("'Parallel', 'Parallel 2', 'Final Processing'", problem.Message);
            Assert.Equal(new[] { "Parallel", "Parallel 2", "Final Processing" }, problem.TopLevelStates);
        }

        [Fact]
        public void A_failure_point_from_a_file_or_without_execution_data_cannot_be_resumed_by_itself()
        {
            var fromFile = Point();
            fromFile.ExecutionArn = null;
            fromFile.StateMachineArn = null;

            Assert.Equal(ResumeProblem.FailurePointWithoutExecution, Assert.Throws<ResumeRequestException>(() => ResumeRequest.FromFailurePoint(fromFile, null, false)).Problem);
            Assert.Equal(ResumeProblem.ResumeInputUnknown, Assert.Throws<ResumeRequestException>(() => ResumeRequest.FromFailurePoint(Point(input: null), null, inputGiven: false)).Problem);
            Assert.Equal("Parallel 2", ResumeRequest.FromFailurePoint(Point(input: null), null, inputGiven: true).State);
        }

        [Theory]
        [InlineData("./orders.asl.json", "orders")]
        [InlineData("/tmp/Orders.json", "Orders")]
        [InlineData("billing.ASL.json", "billing")]
        public void A_definition_file_names_its_machine(string path, string name)
        {
            Assert.Equal(name, ResumeRequest.MachineNameOf(path));
        }
    }
}
