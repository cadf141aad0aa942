using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.GoTo
{
    /// <summary>
    /// The GoTo copy of every definition in tests/fixtures/aws-definitions (JSONPath and JSONata, from
    /// LocalStack's suite recorded against AWS): valid ASL by asl-validator, original states untouched.
    /// </summary>
    public sealed class GoToRewriterTests
    {


        [Fact]
        public void Every_rewritten_definition_passes_asl_validator_whenever_its_original_does()
        {
            var folder = Directory.CreateTempSubdirectory("sfnresume-goto-").FullName;
            try
            {
                var pairs = WriteCopies(folder);

                var refused = DefinitionFixtures.All().Except(DefinitionFixtures.Rewritable()).ToList();

                // The recorded definitions use placeholder ARNs (<lambda_function_name>), so ARNs are not checked.
                // asl-validator compiles its schemas on every call (~140 ms a definition): two processes, two cores.
                var files = pairs.SelectMany(p => new[] { p.Original, p.Rewritten }).Concat(refused).ToList();
                var halves = new[] { files.Where((_, i) => i % 2 == 0), files.Where((_, i) => i % 2 == 1) }
                    .AsParallel().Select(half => NodeOracle.Run("validate-asl.js", new[] { "--no-arn-check" }.Concat(half))).ToList();
                var verdicts = halves.SelectMany(h => h)
                    .ToDictionary(v => v.GetProperty("file").GetString()!, v => (Valid: v.GetProperty("isValid").GetBoolean(), Errors: v.GetProperty("errors").GetString()!));

                // The rewriter refuses only what Step Functions would refuse too.
                Assert.All(refused, file => Assert.False(verdicts[file].Valid, $"{Path.GetFileName(file)} is valid ASL, but the rewriter refused it: {DefinitionFixtures.Refusal(file)}"));
                var originalsValid = pairs.Count(p => verdicts[p.Original].Valid);
                Assert.True(originalsValid >= 200, $"only {originalsValid} of {pairs.Count} originals are valid ASL: the oracle is not doing its job");
                foreach (var (original, rewritten) in pairs)
                {
                    // The copy may only lose errors (its Choice makes every top-level state reachable), never add one.
                    var before = verdicts[original];
                    var after = verdicts[rewritten];
                    Assert.True(after.Valid || !before.Valid, $"{Path.GetFileName(original)}: the original is valid ASL, the copy is not: {after.Errors}");
                    var added = Lines(after.Errors).Except(Lines(before.Errors)).ToList();
                    Assert.True(added.Count == 0, $"{Path.GetFileName(original)}: the copy adds errors: {string.Join("; ", added)}");
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public void Every_rewritten_definition_passes_AWS_own_validator_whenever_its_original_does()
        {
            var folder = Directory.CreateTempSubdirectory("sfnresume-goto-aws-").FullName;
            try
            {
                var pairs = WriteCopies(folder);

                // AWS Toolkit's language service (amazon-states-language-service), JSONata and Assign included.
                var verdicts = NodeOracle.Run("validate-aws.js", pairs.SelectMany(p => new[] { p.Original, p.Rewritten }))
                    .ToDictionary(v => v.GetProperty("file").GetString()!, v => (Valid: v.GetProperty("isValid").GetBoolean(), Errors: v.GetProperty("errors").GetString()!));

                var originalsValid = pairs.Count(p => verdicts[p.Original].Valid);
                Assert.True(originalsValid >= 200, $"only {originalsValid} of {pairs.Count} originals are valid: the oracle is not doing its job");
                foreach (var (original, rewritten) in pairs)
                {
                    var before = verdicts[original];
                    var after = verdicts[rewritten];
                    Assert.True(after.Valid || !before.Valid, $"{Path.GetFileName(original)}: the original passes AWS's validator, the copy does not: {after.Errors}");

                    // Positions move in the copy; the messages must not grow.
                    var added = Messages(after.Errors).Except(Messages(before.Errors)).ToList();
                    Assert.True(added.Count == 0, $"{Path.GetFileName(original)}: the copy adds errors: {string.Join("; ", added)}");
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private static IEnumerable<string> Messages(string errors) => Lines(errors).Select(line => line.Substring(line.IndexOf(' ', StringComparison.Ordinal) + 1));

        /// <summary>The GoTo copy of every definition the rewriter copies, written to <paramref name="folder"/>, paired with its original.</summary>
        private static List<(string Original, string Rewritten)> WriteCopies(string folder)
        {
            var pairs = new List<(string Original, string Rewritten)>();
            foreach (var file in DefinitionFixtures.Rewritable())
            {
                var rewritten = Path.Combine(folder, Path.GetFileName(file));
                File.WriteAllText(rewritten, new GoToRewriter().Rewrite(File.ReadAllText(file)).Definition);
                pairs.Add((file, rewritten));
            }

            return pairs;
        }

        private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

        [Fact]
        public void Every_original_member_and_state_survives_a_JSON_round_trip_unchanged()
        {
            foreach (var file in DefinitionFixtures.Rewritable())
            {
                var text = File.ReadAllText(file);
                using var original = JsonDocument.Parse(text);
                var copy = new GoToRewriter().Rewrite(text);
                using var rewritten = JsonDocument.Parse(copy.Definition);

                foreach (var member in original.RootElement.EnumerateObject().Where(m => m.Name != "StartAt" && m.Name != "States"))
                {
                    Assert.Equal(Compact(member.Value), Compact(rewritten.RootElement.GetProperty(member.Name)));
                }

                var states = rewritten.RootElement.GetProperty("States");
                foreach (var state in original.RootElement.GetProperty("States").EnumerateObject())
                {
                    Assert.Equal(Compact(state.Value), Compact(states.GetProperty(state.Name)));
                }

                Assert.Equal(copy.ChoiceState, rewritten.RootElement.GetProperty("StartAt").GetString());
                var choice = states.GetProperty(copy.ChoiceState);
                Assert.Equal("Choice", choice.GetProperty("Type").GetString());
                Assert.Equal(original.RootElement.GetProperty("StartAt").GetString(), choice.GetProperty("Default").GetString());
                Assert.Equal(original.RootElement.GetProperty("States").EnumerateObject().Count(), copy.Targets.Count);
                var jump = states.GetProperty(copy.AddedStates.Single(s => s.EndsWith("-jump", StringComparison.Ordinal)));
                Assert.Equal(copy.Targets.Count + copy.Twins.Count, jump.GetProperty("Choices").GetArrayLength());
                Assert.Equal(original.RootElement.GetProperty("States").EnumerateObject().Count() + copy.AddedStates.Count, states.EnumerateObject().Count());
            }
        }

        [Theory]
        [InlineData("JSONPath")]
        [InlineData("JSONata")]
        public void A_hundred_states_with_a_hundred_variables_each_make_a_copy_far_under_1_MB(string queryLanguage)
        {
            var states = Enumerable.Range(0, 100).Select(i =>
                $"\"Step {i}\": {{ \"Type\": \"Pass\", \"Assign\": {{ {string.Join(", ", Enumerable.Range(0, 100).Select(v => $"\"v{v}\": {i}"))} }}, " +
                (i < 99 ? $"\"Next\": \"Step {i + 1}\" }}" : "\"End\": true }"));
            var original = $"{{ \"QueryLanguage\": \"{queryLanguage}\", \"StartAt\": \"Step 0\", \"States\": {{ {string.Join(", ", states)} }} }}";

            var copy = new GoToRewriter().Rewrite(original);

            // Each state and each variable once: the additions grow with states + variables, not their product.
            using var document = JsonDocument.Parse(copy.Definition);
            var addedSize = copy.AddedStates.Sum(name => Compact(document.RootElement.GetProperty("States").GetProperty(name)).Length);
            Assert.Equal(100, copy.Variables.Count);
            Assert.True(addedSize < 30_000, $"the added states take {addedSize:N0} characters");
            Assert.True(copy.Definition.Length < 1_048_576);
        }

        [Fact]
        public void The_Choice_takes_a_name_no_state_uses_even_inside_branches()
        {
            const string definition = @"{ ""StartAt"": ""P"", ""States"": {
                ""P"": { ""Type"": ""Parallel"", ""End"": true, ""Branches"": [ { ""StartAt"": ""GoToState"", ""States"": { ""GoToState"": { ""Type"": ""Pass"", ""End"": true } } } ] },
                ""GoToState_2"": { ""Type"": ""Succeed"" } } }";

            var copy = new GoToRewriter().Rewrite(definition);

            Assert.Equal("GoToState_3", copy.ChoiceState);
            Assert.Equal(new[] { "P", "GoToState_2" }, copy.Targets);
        }

        [Fact]
        public void The_resuming_input_carries_the_state_the_recorded_input_and_every_restored_variable()
        {
            var input = ResumingInput.Create("Charge", "{\"cart\":[1,2]}", new Dictionary<string, string> { ["customer"] = "\"c-1\"" }, new[] { "attempt", "customer" });

            using var document = JsonDocument.Parse(input);
            var resuming = document.RootElement.GetProperty("resuming");
            Assert.Equal("Charge", resuming.GetProperty("state").GetString());
            Assert.Equal("{\"cart\":[1,2]}", resuming.GetProperty("input").GetRawText());
            Assert.Equal(JsonValueKind.Null, resuming.GetProperty("variables").GetProperty("attempt").ValueKind);
            Assert.Equal("c-1", resuming.GetProperty("variables").GetProperty("customer").GetString());
        }
    }
}
