using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.History;
using SfnResume.Tests.Infrastructure;

namespace SfnResume.Tests.Precision
{
    /// <summary>
    /// The promise of precise resume, checked under aws-local-stepfunctions: the resumed copy makes exactly
    /// the task calls the failed run left undone (every call of a run that does not fail, less those that
    /// finished; none twice) and ends with the output the original gives when nothing fails. Cases are
    /// gathered first and run in one interpreter process.
    /// </summary>
    public sealed class ResumeCheck : IDisposable
    {
        private static readonly Regex CopySuffix = new Regex(@" \((resumed|replay)\)(_\d+)?$");
        private readonly TempFolder folder = new TempFolder();
        private readonly List<string> jobs = new List<string>();
        private readonly List<Case> cases = new List<Case>();
        private readonly Dictionary<string, int> originals = new Dictionary<string, int>(StringComparer.Ordinal);

        /// <summary>Resumes the failed run recorded in <paramref name="history"/>; what it found is kept for <see cref="Judge"/>.</summary>
        public FailurePoint Add(string name, JsonObject definition, JsonObject input, ConcurrentRun run, IReadOnlyList<string> history)
        {
            var definitionText = definition.ToJsonString();
            var definitionFile = folder.Write($"case-{cases.Count}.asl.json", definitionText);
            var key = definitionText + "\n" + input.ToJsonString();
            if (!originals.TryGetValue(key, out var original))
            {
                original = jobs.Count;
                originals[key] = original;
                jobs.Add(Job(definitionFile, input.ToJsonString()));
            }

            var historyFile = folder.Write($"case-{cases.Count}.history.json", "{\"events\":[" + string.Join(",", history) + "]}");
            var point = new FailurePointLocator().LocateInFile(historyFile, definitionFile);
            var copy = new GoToRewriter().Rewrite(definitionText);
            var start = ResumeRequest.FromFailurePoint(point, null, inputGiven: false, offline: true)
                .Start(null, null, copy, StateMachineDefinition.Parse(definitionText), ResumePrecision.Precise);
            var resumed = jobs.Count;
            jobs.Add(Job(folder.Write($"case-{cases.Count}-goto.asl.json", copy.Definition), start.Input));
            cases.Add(new Case(name, run, point, start, original, resumed, historyFile) { DefinitionText = definitionText });
            return point;
        }

        /// <summary>After <see cref="Judge"/>: the task calls the failed runs left undone, which the resumed runs must make.</summary>
        public int Undone { get; private set; }

        /// <summary>After <see cref="Judge"/>: calls that had finished inside the state each run resumes at, which re-running that state whole would repeat.</summary>
        public int FinishedInside { get; private set; }

        /// <summary>How the first case added resumes.</summary>
        public ResumeStart FirstStart => cases[0].Start;

        /// <summary>Runs every case; returns one line per case that broke the promise.</summary>
        public IReadOnlyList<string> Judge()
        {
            var outcomes = NodeOracle.Run("run-replay.mjs", Array.Empty<string>(), string.Join("\n", jobs) + "\n");
            var broken = new List<string>();
            foreach (var c in cases)
            {
                var original = outcomes[c.Original];
                var resumed = outcomes[c.Resumed];
                if (original.TryGetProperty("error", out var originalError))
                {
                    broken.Add($"{c.Name}: the original does not run under the interpreter: {originalError}");
                    continue;
                }

                var all = Calls(original);
                var strays = c.Run.Finished.Where(f => !all.Contains(f)).ToList();
                if (strays.Count > 0)
                {
                    broken.Add($"{c.Name}: the simulation finished calls the interpreter never makes (a simulator defect): {strays[0]}");
                    continue;
                }

                var expected = all.Where(call => !c.Run.Finished.Contains(call)).OrderBy(s => s, StringComparer.Ordinal).ToList();
                var definition = StateMachineDefinition.Parse(c.DefinitionText);
                Undone += expected.Count;
                FinishedInside += c.Run.Finished.Count(call => definition.Find(call.Substring(0, call.IndexOf('|')))?.TopLevelAncestor.Name == c.Point.ResumeState
                    && definition.Find(call.Substring(0, call.IndexOf('|')))?.IsTopLevel == false);
                var ran = Calls(resumed).OrderBy(s => s, StringComparer.Ordinal).ToList();
                var problems = new List<string>();
                if (resumed.TryGetProperty("error", out var error))
                {
                    problems.Add($"the resumed run failed: {error}");
                }

                var again = Subtract(ran, expected);
                var skipped = Subtract(expected, ran);
                if (again.Count > 0)
                {
                    problems.Add($"{again.Count} call(s) ran that finished before or ran twice, first {again[0]}");
                }

                if (skipped.Count > 0)
                {
                    problems.Add($"{skipped.Count} undone call(s) did not run, first {skipped[0]}");
                }

                if (problems.Count == 0 && Canonical.Of(original.GetProperty("output").GetRawText()) != Canonical.Of(resumed.GetProperty("output").GetRawText()))
                {
                    problems.Add("the output differs from the original's");
                }

                if (problems.Count > 0)
                {
                    Keep(c, resumed);
                    broken.Add($"{c.Name} ({c.Run.Terminal}, resume '{c.Point.ResumeState}', {c.Start.Plan.Precision}{(c.Start.Plan.Reason == null ? string.Empty : ": " + c.Start.Plan.Reason)}; history {c.HistoryFile}): {string.Join("; ", problems)}");
                }
            }

            return broken;
        }

        public void Dispose() => folder.Dispose();

        /// <summary>With SFNRESUME_PROMISE_KEEP naming a folder, a broken case's files stay there to be looked at.</summary>
        private static void Keep(Case c, JsonElement resumed)
        {
            var keep = Environment.GetEnvironmentVariable("SFNRESUME_PROMISE_KEEP");
            if (string.IsNullOrEmpty(keep))
            {
                return;
            }

            var stem = System.IO.Path.Combine(keep, c.Name.Replace(", ", "-").Replace(' ', '-'));
            System.IO.Directory.CreateDirectory(keep);
            System.IO.File.Copy(c.HistoryFile, stem + ".history.json", overwrite: true);
            System.IO.File.Copy(c.HistoryFile.Replace(".history.json", ".asl.json"), stem + ".asl.json", overwrite: true);
            System.IO.File.WriteAllText(stem + ".resume.json", c.Start.Input);
            System.IO.File.WriteAllText(stem + ".ran.json", resumed.GetRawText());
            System.IO.File.WriteAllText(stem + ".point.txt", string.Join("\n", new[] { c.Point.Summary ?? string.Empty, c.Point.FailedState ?? string.Empty, "finished: " + string.Join(" ; ", c.Run.Finished.Select(f => f.Length > 60 ? f.Substring(0, 60) : f)) }));
        }

        /// <summary>Each task call as "state name|canonical input", the form <see cref="ConcurrentRun.Finished"/> uses.</summary>
        private static List<string> Calls(JsonElement outcome) => outcome.GetProperty("ran").EnumerateArray()
            .Select(r => CopySuffix.Replace(r.GetProperty("state").GetString()!, string.Empty) + "|" + Canonical.Of(r.GetProperty("input").GetRawText()))
            .ToList();

        /// <summary>What <paramref name="from"/> has beyond <paramref name="take"/>, counting repeats.</summary>
        private static List<string> Subtract(IEnumerable<string> from, IEnumerable<string> take)
        {
            var left = from.ToList();
            foreach (var item in take)
            {
                left.Remove(item);
            }

            return left;
        }

        private static string Job(string file, string input) => JsonSerializer.Serialize(new { file, input = JsonDocument.Parse(input).RootElement });

        private sealed class Case
        {
            public Case(string name, ConcurrentRun run, FailurePoint point, ResumeStart start, int original, int resumed, string historyFile)
            {
                Name = name;
                Run = run;
                Point = point;
                Start = start;
                Original = original;
                Resumed = resumed;
                HistoryFile = historyFile;
            }

            public string Name { get; }

            public ConcurrentRun Run { get; }

            public FailurePoint Point { get; }

            public ResumeStart Start { get; }

            public int Original { get; }

            public int Resumed { get; }

            public string HistoryFile { get; }

            public string DefinitionText { get; set; } = string.Empty;
        }
    }
}
