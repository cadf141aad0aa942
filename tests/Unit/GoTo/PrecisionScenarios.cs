using System.Collections.Generic;
using System.Linq;
using SfnResume.GoTo;
using SfnResume.History;

namespace SfnResume.Tests.GoTo
{
    /// <summary>
    /// One resume for every way a GoTo copy can repeat work the failed run had finished, and one that repeats
    /// none: the failure point built as the analysis would leave it, the -StateName and -Precision the
    /// operator gives, and what the output must say (Precision, the code, a phrase of the note, a warning or not).
    /// </summary>
    public static class PrecisionScenarios
    {
        private const string Task = "\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\"";

        /// <summary>
        /// Prepare → Fan (a Parallel whose second branch holds a Distributed Map) → Split (a Parallel of two
        /// two-task branches) → Items (a Distributed Map) → Ship (a Task) → Done.
        /// </summary>
        public static readonly string Definition = "{\"StartAt\":\"Prepare\",\"States\":{"
            + "\"Prepare\":{\"Type\":\"Pass\",\"Next\":\"Fan\"},"
            + "\"Fan\":{\"Type\":\"Parallel\",\"Next\":\"Split\",\"Branches\":["
            + "{\"StartAt\":\"F1\",\"States\":{\"F1\":{" + Task + ",\"End\":true}}},"
            + "{\"StartAt\":\"Batch\",\"States\":{\"Batch\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"End\":true,"
            + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"STANDARD\"},\"StartAt\":\"B\",\"States\":{\"B\":{" + Task + ",\"End\":true}}}}}}]},"
            + "\"Split\":{\"Type\":\"Parallel\",\"Next\":\"Items\",\"Branches\":["
            + "{\"StartAt\":\"S1a\",\"States\":{\"S1a\":{" + Task + ",\"Next\":\"S1b\"},\"S1b\":{" + Task + ",\"End\":true}}},"
            + "{\"StartAt\":\"S2a\",\"States\":{\"S2a\":{" + Task + ",\"Next\":\"S2b\"},\"S2b\":{" + Task + ",\"End\":true}}}]},"
            + "\"Items\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"Next\":\"Ship\","
            + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"STANDARD\"},\"StartAt\":\"Work\",\"States\":{\"Work\":{" + Task + ",\"End\":true}}}},"
            + "\"Ship\":{" + Task + ",\"Next\":\"Done\"},"
            + "\"Done\":{\"Type\":\"Succeed\"}}}";

        public static IEnumerable<PrecisionScenario> All => new[]
        {
            new PrecisionScenario(PrecisionCodes.NoTwin, Point("Items", Map("Items", Succeeded(0, "{\"w\":0}"), Failed(1, "Work"))), null, false, "WholeState",
                "'Items' re-runs whole: it is a Distributed Map"),
            new PrecisionScenario(PrecisionCodes.NoTwin + " (nested)", Point("Fan", Parallel("Fan", Succeeded(0, "{\"f\":1}"), Failed(1, "Batch", Map("Batch", Succeeded(0, "{}"), Failed(1, "B"))))), null, false, "Precise",
                "'Batch' in 'Fan': branch 2 re-runs whole: it is a Distributed Map"),
            new PrecisionScenario(PrecisionCodes.InputTooLarge, Point("Split", Parallel("Split", Succeeded(0, "{\"pad\":\"" + new string('x', 300_000) + "\"}"), Failed(1, "S2b"))), null, false, "WholeState",
                "with the recorded outputs of what succeeded inside it the input would be"),
            new PrecisionScenario(PrecisionCodes.OutputTruncated, Point("Split", Parallel("Split", Truncated(0), Failed(1, "S2b"))), null, false, "Precise",
                "'Split': branch 1 succeeded but its output was truncated, so it runs again."),
            new PrecisionScenario(PrecisionCodes.OutputNotRecorded, Point("Split", Parallel("Split", Succeeded(0, null), Failed(1, "S2b"))), null, false, "Precise",
                "'Split': branch 1 succeeded but its output was not recorded"),
            new PrecisionScenario(PrecisionCodes.ResumeInputNotRecorded, Point("Split", Parallel("Split", Failed(0, "S1b"), new BranchRecord { Index = 1, Outcome = BranchOutcome.NotFinished, ResumeState = "S2b" })), null, false, "Precise",
                "'Split': branch 2 runs again from its start: the input of 'S2b', where it stopped, was not recorded"),
            new PrecisionScenario(PrecisionCodes.WholeAsked, Point("Split", Parallel("Split", Succeeded(0, "{}"), Failed(1, "S2b"))), null, true, "WholeState",
                "'Split' re-runs whole, every one of its branches: a whole-state resume was asked for."),
            new PrecisionScenario(PrecisionCodes.NoFailurePoint, null, "Split", false, "WholeState",
                "'Split' re-runs whole, every one of its branches: without a failure point nothing is known"),
            new PrecisionScenario(PrecisionCodes.FailedElsewhere, Point("Ship"), "Split", false, "WholeState",
                "the failure point's run failed in 'Ship', not inside it"),
            new PrecisionScenario(PrecisionCodes.NoDefinitionInAnalysis, Point("Split", analysedWithDefinition: false), null, false, "WholeState",
                "the failure point was found without the state machine's definition"),
            new PrecisionScenario(PrecisionCodes.NoContainerRecord, Point("Split"), null, false, "WholeState",
                "the failure point holds no record of what its branches did"),
            new PrecisionScenario(null, Point("Ship"), null, false, "Precise", null),
            new PrecisionScenario(null, Point("Ship"), null, true, "Precise", null),
        };

        public static IEnumerable<object[]> Names => All.Select(s => new object[] { s.Name });

        public static PrecisionScenario Named(string name) => All.Single(s => s.Name == name);

        private static FailurePoint Point(string resumeState, ContainerRecord? container = null, bool analysedWithDefinition = true) => new FailurePoint
        {
            ExecutionArn = "arn:aws:states:eu-west-1:123456789012:execution:Orders:run-9",
            ExecutionName = "run-9",
            StateMachineArn = "arn:aws:states:eu-west-1:123456789012:stateMachine:Orders",
            Status = "FAILED",
            ResumeState = resumeState,
            ResumeInput = "{\"items\":[1,2]}",
            QueryLanguage = analysedWithDefinition ? "JSONPath" : null,
            Containers = container == null ? System.Array.Empty<ContainerRecord>() : new[] { container },
        };

        private static ContainerRecord Parallel(string name, params BranchRecord[] branches) => Record(name, "Parallel", branches);

        private static ContainerRecord Map(string name, params BranchRecord[] branches) => Record(name, "Map", branches);

        private static ContainerRecord Record(string name, string type, BranchRecord[] branches) => new ContainerRecord
        {
            StateName = name,
            Type = type,
            Input = "{\"items\":[1,2]}",
            Count = branches.Length,
            Branches = branches,
            FailedIndex = branches.Single(b => b.Outcome == BranchOutcome.Failed).Index,
        };

        private static BranchRecord Succeeded(int index, string? output) => new BranchRecord { Index = index, Outcome = BranchOutcome.Succeeded, Output = output };

        private static BranchRecord Truncated(int index) => new BranchRecord { Index = index, Outcome = BranchOutcome.Succeeded, Output = "{\"s\":", OutputTruncated = true };

        private static BranchRecord Failed(int index, string state, ContainerRecord? nested = null) =>
            new BranchRecord { Index = index, Outcome = BranchOutcome.Failed, ResumeState = state, ResumeInput = "{\"n\":" + index + "}", Nested = nested };
    }

    /// <param name="Code">The code the output must carry; null when nothing is given up. The name of the scenario starts with it.</param>
    /// <param name="Point">The failure point piped in; null to name the state alone.</param>
    /// <param name="StateName">-StateName, if given.</param>
    /// <param name="Whole">-Precision Whole.</param>
    /// <param name="Note">A phrase the note must hold.</param>
    public sealed record PrecisionScenario(string? Code, FailurePoint? Point, string? StateName, bool Whole, string Precision, string? Note)
    {
        public string Name => (Code ?? "none") + (Point?.ResumeState == "Ship" && StateName == null ? $" (a Task{(Whole ? ", -Precision Whole" : string.Empty)})" : string.Empty);

        /// <summary>The code proper, without the scenario's qualifier.</summary>
        public string? BareCode => Code?.Split(' ')[0];

        /// <summary>Only what the operator asked for goes without a warning.</summary>
        public bool Warns => Code != null && BareCode != PrecisionCodes.WholeAsked;

        public ResumeRequest Request() => Point == null
            ? ResumeRequest.ForState(StateName!, stateMachineArn: null)
            : ResumeRequest.FromFailurePoint(Point, StateName, inputGiven: false, offline: true);

        public ResumePrecision Asked => Whole ? ResumePrecision.WholeState : ResumePrecision.Precise;
    }
}
