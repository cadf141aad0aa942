using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SfnResume.Definitions;

namespace SfnResume.Tests.Fuzz
{
    /// <summary>
    /// Runs <paramref name="cases"/> mutations over the recorded histories (the 2017 sample paired with its
    /// definition, the LocalStack recordings without one) and definitions, half each, from one seed.
    /// </summary>
    public static class FuzzCorpus
    {
        public static IReadOnlyList<FuzzResult> Run(string fixtures, int cases, int seed, Action<int>? progress = null)
        {
            var fuzzer = new MutationFuzzer(seed);
            var histories = Directory.GetFiles(Path.Combine(fixtures, "aws-histories"), "*.json").OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f), Definition: (StateMachineDefinition?)null)).ToList();
            var seedDefinition = File.ReadAllText(Path.Combine(fixtures, "seed", "ParallelStateMachine.asl.json"));
            histories.Add(("seed/sample_execution_history.json", File.ReadAllText(Path.Combine(fixtures, "seed", "sample_execution_history.json")), StateMachineDefinition.Parse(seedDefinition)));
            var definitions = Directory.GetFiles(Path.Combine(fixtures, "aws-definitions"), "*.json").OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f))).ToList();

            var results = new List<FuzzResult>(cases);
            for (var i = 0; i < cases; i++)
            {
                if (i % 2 == 0)
                {
                    var history = histories[(i / 2) % histories.Count];
                    results.Add(FuzzRunner.RunHistory(fuzzer.MutateHistory(history.Name, history.Text), history.Definition));
                }
                else
                {
                    var definition = definitions[(i / 2) % definitions.Count];
                    results.Add(FuzzRunner.RunDefinition(fuzzer.MutateDefinition(definition.Name, definition.Text)));
                }

                progress?.Invoke(i + 1);
            }

            return results;
        }
    }
}
