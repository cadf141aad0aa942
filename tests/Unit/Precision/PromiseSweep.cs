using System;
using System.Collections.Generic;

namespace SfnResume.Tests.Precision
{
    /// <summary>
    /// Generated shapes, a failing simulated run of each and its history in several orders, all resumed and
    /// judged by <see cref="ResumeCheck"/>. The test suite runs a few hundred histories; the benchmark
    /// project's <c>--promise</c> runs thousands.
    /// </summary>
    public static class PromiseSweep
    {
        public const int OrdersPerRun = 3;

        /// <summary>Generates <paramref name="count"/> shapes from <paramref name="firstSeed"/> on and checks each failing run in <see cref="OrdersPerRun"/> orders.</summary>
        public static (int Checked, IReadOnlyList<string> Broken) Check(int firstSeed, int count) => Check(firstSeed, count, out _, out _);

        /// <param name="undone">The task calls the failed runs left undone: what the resumed runs made.</param>
        /// <param name="finishedInside">Calls that had finished inside the resumed states, which re-running them whole would repeat.</param>
        public static (int Checked, IReadOnlyList<string> Broken) Check(int firstSeed, int count, out int undone, out int finishedInside)
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
            undone = check.Undone;
            finishedInside = check.FinishedInside;
            return (checkedCases, broken);
        }
    }
}
