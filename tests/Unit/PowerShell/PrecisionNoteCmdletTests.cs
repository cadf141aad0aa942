using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SfnResume.Tests.GoTo;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// Never silent, as the operator sees it: New-SfnGoToStateMachine, Test-SfnRedrive and Invoke-SfnRedrive
    /// (with -WhatIf too) write a warning and set PrecisionNote and PrecisionCodes whenever the resumed run
    /// would repeat work the failed run had finished.
    /// </summary>
    public sealed class PrecisionNoteCmdletTests : IDisposable
    {
        private static readonly DateTime Now = DateTime.UtcNow;

        private readonly PowerShellSession session = new PowerShellSession();
        private readonly TempFolder folder = new TempFolder();

        public void Dispose()
        {
            session.Dispose();
            folder.Dispose();
        }

        private static T Property<T>(PSObject item, string name) => (T)item.Properties[name].Value;

        private PowerShellResult NewCopy(PrecisionScenario scenario)
        {
            var file = folder.Write("orders.asl.json", PrecisionScenarios.Definition);
            var parameters = (scenario.StateName == null ? string.Empty : $" -StateName '{scenario.StateName}'") + (scenario.Whole ? " -Precision Whole" : string.Empty);
            var script = scenario.Point == null ? "New-SfnGoToStateMachine -DefinitionPath $file" + parameters : "$point | New-SfnGoToStateMachine -DefinitionPath $file" + parameters;
            return session.Run(script, new Dictionary<string, object?> { ["file"] = file, ["point"] = scenario.Point });
        }

        [Theory]
        [MemberData(nameof(PrecisionScenarios.Names), MemberType = typeof(PrecisionScenarios))]
        public void New_SfnGoToStateMachine_writes_each_reason_as_a_warning_a_note_and_a_code(string name)
        {
            var scenario = PrecisionScenarios.Named(name);

            var result = NewCopy(scenario);
            var warnings = result.Warnings.Where(w => !w.StartsWith("No input was", StringComparison.Ordinal)).ToList();

            Assert.Empty(result.Errors);
            var copy = Assert.Single(result.Output);
            Assert.Equal(scenario.Precision, Property<string>(copy, "Precision"));
            var note = Property<string?>(copy, "PrecisionNote");
            var codes = Property<IReadOnlyList<string>>(copy, "PrecisionCodes");
            if (scenario.Code == null)
            {
                Assert.Null(note);
                Assert.Empty(codes);
                Assert.Empty(warnings);
                return;
            }

            Assert.Equal(new[] { scenario.BareCode! }, codes);
            Assert.Contains(scenario.Note!, note);
            if (scenario.Warns)
            {
                Assert.Equal(note, Assert.Single(warnings));
            }
            else
            {
                Assert.Empty(warnings);
            }
        }

        [Fact]
        public void No_WholeState_copy_has_an_empty_note_whatever_the_reason()
        {
            foreach (var scenario in PrecisionScenarios.All)
            {
                var copy = Assert.Single(NewCopy(scenario).Output);
                if (Property<string>(copy, "Precision") == "WholeState")
                {
                    Assert.False(string.IsNullOrWhiteSpace(Property<string?>(copy, "PrecisionNote")), $"{scenario.Name}: WholeState without a note");
                    Assert.NotEmpty(Property<IReadOnlyList<string>>(copy, "PrecisionCodes"));
                }
            }
        }

        private const string Task = "\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\"";

        private static readonly string Batch = "{\"StartAt\":\"Items\",\"States\":{\"Items\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"ResultPath\":\"$.done\",\"End\":true,"
            + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"INLINE\"},\"StartAt\":\"Work\",\"States\":{\"Work\":{" + Task + ",\"End\":true}}}}}}";

        /// <summary>A Map run that failed 400 days ago (so only a GoTo copy resumes it) at item 3 of 10; <paramref name="pad"/> makes each item (and output) that long.</summary>
        private static (RedriveServer Server, string Arn) FailedMapRun(int items, int pad, bool truncateItemOne)
        {
            var server = new RedriveServer();
            server.AddMachine("Batch", Batch, Now.AddDays(-500));
            var input = "{\"items\":[" + string.Join(",", Enumerable.Range(0, items).Select(i => $"{{\"i\":{i},\"pad\":\"{new string('x', pad)}\"}}")) + "]}";
            var history = ShapeRun.FailedHistory(Batch, input, (state, item) => item?["i"]?.GetValue<int>() == 3).ToList();
            if (truncateItemOne)
            {
                var exits = history.Select((e, i) => (e, i)).Where(p => p.e.Contains("\"TaskStateExited\"", StringComparison.Ordinal)).ToList();
                history[exits[1].i] = exits[1].e.Replace("\"stateExitedEventDetails\":{", "\"stateExitedEventDetails\":{\"outputDetails\":{\"truncated\":true},", StringComparison.Ordinal);
            }

            return (server, server.AddExecution("Batch", "old", Now.AddDays(-401), Now.AddDays(-400), history, redriveStatus: null));
        }

        private PowerShellResult Redrive(RedriveServer server, string script, string arn)
        {
            using var endpoint = new LoopbackEndpoint(server.Handle);
            return session.Run(@"
                foreach ($command in 'Invoke-SfnRedrive', 'Test-SfnRedrive') {
                    $PSDefaultParameterValues[""${command}:EndpointUrl""] = $endpoint
                    $PSDefaultParameterValues[""${command}:Region""] = 'eu-west-1'
                    $PSDefaultParameterValues[""${command}:AccessKey""] = 'AKIDEXAMPLE'
                    $PSDefaultParameterValues[""${command}:SecretKey""] = 'secret'
                }
                " + script, new Dictionary<string, object?> { ["endpoint"] = endpoint.Url, ["arn"] = arn });
        }

        [Theory]
        [InlineData("OutputTruncated", 10, 0, true, "Precise", "'Items': iteration 1 succeeded but its output was truncated, so it runs again.")]
        [InlineData("InputTooLarge", 1000, 400, false, "WholeState", "'Items' re-runs whole: with the recorded outputs of what succeeded inside it the input would be")]
        public void Test_and_Invoke_SfnRedrive_say_it_too_even_under_WhatIf(string code, int items, int pad, bool truncate, string precision, string note)
        {
            var (server, arn) = FailedMapRun(items, pad, truncate);

            var plan = Redrive(server, "Test-SfnRedrive $arn", arn);
            var whatIf = Redrive(server, "Invoke-SfnRedrive $arn -WhatIf", arn);
            var started = Redrive(server, "Invoke-SfnRedrive $arn -Force", arn);

            foreach (var (result, what) in new[] { (plan, "Test-SfnRedrive"), (whatIf, "-WhatIf"), (started, "-Force") })
            {
                Assert.Empty(result.Errors);
                var warning = Assert.Single(result.Warnings);
                Assert.StartsWith("old: ", warning, StringComparison.Ordinal);
                Assert.Contains(note, warning, StringComparison.Ordinal);
            }

            Assert.Empty(whatIf.Output);
            foreach (var output in new[] { Assert.Single(plan.Output), Assert.Single(started.Output) })
            {
                Assert.Equal(precision, Property<string>(output, "Precision"));
                Assert.Contains(note, Property<string>(output, "PrecisionNote"), StringComparison.Ordinal);
                Assert.Equal(new[] { code }, Property<IReadOnlyList<string>>(output, "PrecisionCodes"));
            }

            Assert.Single(server.Started);
        }
    }
}
