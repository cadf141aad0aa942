using System.Linq;
using SfnResume.Definitions;
using SfnResume.GoTo;
using Xunit;

namespace SfnResume.Tests.GoTo
{
    /// <summary>
    /// Never silent (issue #20): every way a resumed run repeats work the failed run had finished is in the
    /// plan as a stable code and a sentence, and, unless the operator asked for it, in a warning.
    /// </summary>
    public sealed class PrecisionNoteTests
    {
        private static ResumeStart Start(PrecisionScenario scenario) => Start(scenario, out _);

        private static ResumeStart Start(PrecisionScenario scenario, out string resumeState)
        {
            var definition = StateMachineDefinition.Parse(PrecisionScenarios.Definition);
            var request = scenario.Request();
            request.CheckAgainst(definition, scenario.Asked);
            resumeState = request.State;
            return request.Start(null, null, new GoToRewriter().Rewrite(PrecisionScenarios.Definition), definition, scenario.Asked);
        }

        [Theory]
        [MemberData(nameof(PrecisionScenarios.Names), MemberType = typeof(PrecisionScenarios))]
        public void Each_reason_has_its_code_its_note_and_its_warning(string name)
        {
            var scenario = PrecisionScenarios.Named(name);

            var start = Start(scenario);

            Assert.Equal(scenario.Precision, start.Plan.Precision.ToString());
            if (scenario.Code == null)
            {
                Assert.Null(start.Plan.Reason);
                Assert.Empty(start.Plan.Codes);
                Assert.Empty(start.Warnings);
                return;
            }

            Assert.Equal(new[] { scenario.BareCode! }, start.Plan.Codes);
            Assert.Contains(scenario.Note!, start.Plan.Reason);
            if (scenario.Warns)
            {
                Assert.Equal(start.Plan.Reason, Assert.Single(start.Warnings));
            }
            else
            {
                Assert.Empty(start.Warnings);
            }
        }

        [Fact]
        public void No_whole_state_resume_of_a_container_goes_without_a_note_and_every_code_is_reached()
        {
            var definition = StateMachineDefinition.Parse(PrecisionScenarios.Definition);
            var reached = new System.Collections.Generic.HashSet<string>();
            foreach (var scenario in PrecisionScenarios.All)
            {
                var start = Start(scenario, out var resumeState);
                reached.UnionWith(start.Plan.Codes);
                var type = definition.Find(resumeState)!.Type;
                if (start.Plan.Precision == ResumePrecision.WholeState)
                {
                    Assert.True(type == "Parallel" || type == "Map", $"{scenario.Name}: a {type} re-runs whole");
                    Assert.False(string.IsNullOrWhiteSpace(start.Plan.Reason), $"{scenario.Name}: WholeState without a note");
                    Assert.NotEmpty(start.Plan.Codes);
                }

                // Every warning is part of the note, and every sentence of the note that is not the operator's own choice warns.
                Assert.All(start.Warnings, w => Assert.Contains(w, start.Plan.Reason));
                Assert.Equal(start.Plan.Reasons.Where(r => r.Warns).Select(r => r.Message), start.Warnings);
            }

            // The Distributed Map's own codes come from its planner, not from a failure point: DistributedResumeTests reaches each.
            var distributed = new[] { PrecisionCodes.ItemSourceNotRead, PrecisionCodes.ItemsNotMatched, PrecisionCodes.NoItemBucket, PrecisionCodes.PartialResult };
            var codes = typeof(PrecisionCodes).GetFields().Select(f => (string)f.GetValue(null)!).Except(distributed);
            Assert.Equal(codes.OrderBy(c => c), reached.OrderBy(c => c));
        }
    }
}
