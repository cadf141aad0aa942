using System.Collections.Generic;
using System.Linq;
using SfnResume.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SfnResume.Tests.Fuzz
{
    /// <summary>
    /// Never crash, never hang: a few thousand deterministic mutations of the recorded data each end in an
    /// answer consistent with its input or in one of the engine's documented errors, within 5 s. The larger
    /// run (100,000 cases and more) is the benchmarks' --fuzz.
    /// </summary>
    public sealed class MutationFuzzTests
    {
        private readonly ITestOutputHelper output;

        public MutationFuzzTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void Four_thousand_mutations_end_in_an_answer_or_a_documented_error()
        {
            var results = FuzzCorpus.Run(TestPaths.Fixtures, cases: 4000, seed: 20261124);

            var counts = results.GroupBy(r => r.Outcome).ToDictionary(g => g.Key, g => g.Count());
            output.WriteLine(string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
            var bad = results.Where(r => !r.Acceptable).Take(5).ToList();
            Assert.True(bad.Count == 0, string.Join("\n\n", bad));

            // The mutations must reach both outcomes, or the test proves nothing.
            Assert.True(counts.GetValueOrDefault(FuzzOutcome.Answer) > 400, "too few answers");
            Assert.True(counts.GetValueOrDefault(FuzzOutcome.DocumentedError) > 400, "too few errors");
        }
    }
}
