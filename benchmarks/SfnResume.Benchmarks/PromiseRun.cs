using System;
using System.Diagnostics;
using SfnResume.Tests.Precision;

namespace SfnResume.Benchmarks
{
    /// <summary>
    /// The precise-resume promise's large run (dotnet test checks 120 shapes): as many generated shapes as
    /// asked, each failing run written in three orders and resumed under aws-local-stepfunctions. Prints the
    /// seeds, the histories checked, the task calls made and spared, and the first cases that broke the
    /// promise; exits 1 if any did.
    /// </summary>
    public static class PromiseRun
    {
        public static int Run(int firstSeed, int shapes)
        {
            var clock = Stopwatch.StartNew();
            var (checkedCases, broken) = PromiseSweep.Check(firstSeed, shapes, out var undone, out var finishedInside);
            Console.WriteLine($"seeds {firstSeed}..{firstSeed + shapes - 1}: {checkedCases:N0} histories checked in {clock.Elapsed.TotalSeconds:F0} s, {broken.Count:N0} broke the promise");
            Console.WriteLine($"  task calls the resumed runs made (all left undone): {undone:N0}; finished calls inside the resumed states that re-running them whole would repeat: {finishedInside:N0}");
            foreach (var line in System.Linq.Enumerable.Take(broken, 10))
            {
                Console.WriteLine("  " + line);
            }

            return broken.Count == 0 ? 0 : 1;
        }
    }
}
