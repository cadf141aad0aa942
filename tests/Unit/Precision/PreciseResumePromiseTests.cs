using System;
using System.Collections.Generic;
using System.Linq;
using SfnResume.Tests.Infrastructure;
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

        private const int OrdersPerRun = 3;

        private readonly ITestOutputHelper output;

        public PreciseResumePromiseTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void Every_generated_failure_resumes_exactly_whatever_the_order_of_its_events()
        {
            var first = int.TryParse(Environment.GetEnvironmentVariable("SFNRESUME_PROMISE_FIRST"), out var f) ? f : 1;
            var (checkedCases, broken) = Check(first, Shapes);

            output.WriteLine($"seeds {first}..{first + Shapes - 1}: {checkedCases} histories checked, {broken.Count} broke the promise");
            Assert.True(checkedCases >= Shapes, $"Only {checkedCases} histories were checked for {Shapes} shapes.");
            Assert.True(broken.Count == 0, string.Join("\n", broken.Take(10)));
        }

        /// <summary>Generates <paramref name="count"/> shapes from <paramref name="firstSeed"/> on and checks each failing run in <see cref="OrdersPerRun"/> orders.</summary>
        public static (int Checked, IReadOnlyList<string> Broken) Check(int firstSeed, int count)
        {
            using var check = new ResumeCheck();
            var broken = new List<string>();
            var checkedCases = 0;
            for (var seed = firstSeed; seed < firstSeed + count; seed++)
            {
                var (definition, input) = new ShapeGenerator(seed).Next();
                ConcurrentRun? run = null;
                for (var faults = 0; run == null && faults < 40; faults++)
                {
                    run = ConcurrentRun.Fail(definition, input, seed, faultSeed: seed * 100 + faults);
                }

                if (run == null)
                {
                    continue;
                }

                for (var order = 0; order < OrdersPerRun; order++)
                {
                    var name = $"shape {seed}, order {order}";
                    try
                    {
                        check.Add(name, definition, input, run, HistoryShuffle.Write(run.Events, order == 0 ? 0 : seed * 10 + order));
                        checkedCases++;
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        broken.Add($"{name}: {e.GetType().Name}: {e.Message}");
                    }
                }
            }

            broken.AddRange(check.Judge());
            return (checkedCases, broken);
        }
    }
}
