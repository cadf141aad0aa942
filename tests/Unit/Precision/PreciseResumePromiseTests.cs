using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace SfnResume.Tests.Precision
{
    /// <summary>
    /// The promise of precise resume, tested on generated shapes: random definitions (Parallel and Map
    /// nested three deep, concurrency, Retry and Catch at every level, Choice and Fail in branches, the
    /// paths users write), a simulated failing run of each (a failure aborts the running siblings, a timeout
    /// stops everything) and its history written in several random orders that keep each chain's own
    /// order. Every order must resume exactly: no finished task call again, no undone one skipped, the
    /// original's output. Seeded: a failure names the seeds that rebuild it.
    /// </summary>
    public sealed class PreciseResumePromiseTests
    {
        /// <summary>How many shapes; SFNRESUME_PROMISE_CASES raises it (the benchmark project runs thousands).</summary>
        private static int Shapes => int.TryParse(Environment.GetEnvironmentVariable("SFNRESUME_PROMISE_CASES"), out var n) ? n : 120;

        private readonly ITestOutputHelper output;

        public PreciseResumePromiseTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void Every_generated_failure_resumes_exactly_whatever_the_order_of_its_events()
        {
            var first = int.TryParse(Environment.GetEnvironmentVariable("SFNRESUME_PROMISE_FIRST"), out var f) ? f : 1;
            var (checkedCases, broken) = PromiseSweep.Check(first, Shapes, out var undone, out var finishedInside);

            output.WriteLine($"seeds {first}..{first + Shapes - 1}: {checkedCases} histories checked, {broken.Count} broke the promise; "
                + $"{undone:N0} undone task calls made, {finishedInside:N0} finished ones inside the resumed states not repeated");
            Assert.True(checkedCases >= Shapes, $"Only {checkedCases} histories were checked for {Shapes} shapes.");
            Assert.True(broken.Count == 0, string.Join("\n", broken.Take(10)));
        }
    }
}
