using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using SfnResume.Tests.Fuzz;

namespace SfnResume.Benchmarks
{
    /// <summary>
    /// The mutation fuzzer's large run (dotnet test runs 4,000 cases): the same mutations of the recorded
    /// histories and definitions, as many cases as asked, in one seeded sequence. Prints the outcome counts
    /// and the first cases that crashed, hung or answered inconsistently; exits 1 if there were any.
    /// </summary>
    public static class FuzzRun
    {
        public static int Run(int cases)
        {
            var fixtures = typeof(FuzzRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Fixtures").Value!;
            var clock = Stopwatch.StartNew();
            var results = FuzzCorpus.Run(fixtures, cases, seed: 7, progress: done =>
            {
                if (done % 10_000 == 0)
                {
                    Console.WriteLine($"{done:N0} cases, {clock.Elapsed.TotalSeconds:F0} s");
                }
            });

            Console.WriteLine($"{results.Count:N0} cases in {clock.Elapsed.TotalSeconds:F1} s (limit {FuzzRunner.Limit.TotalSeconds} s a case)");
            foreach (var kind in new[] { "history", "definition" })
            {
                var ofKind = results.Where((r, i) => (i % 2 == 0) == (kind == "history")).ToList();
                Console.WriteLine($"  {kind,-10} {ofKind.Count,8:N0} cases: " + string.Join(", ", Enum.GetValues<FuzzOutcome>().Select(o => $"{o} {ofKind.Count(r => r.Outcome == o):N0}")));
            }

            var bad = results.Where(r => !r.Acceptable).ToList();
            foreach (var result in bad.Take(10))
            {
                Console.WriteLine(result);
            }

            return bad.Count == 0 ? 0 : 1;
        }
    }
}
