using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SfnResume.History;

namespace SfnResume.GoTo
{
    /// <summary>
    /// Reads the failure point of a resumed run (a run of the GoTo copy) in the original's terms, so that the
    /// next resume starts where that run failed. A run that failed at a top-level state names the original's
    /// state already. One that failed inside a replay twin names the twin and the states copied into it under
    /// new names, and the twin was entered with the original's input wrapped beside its replay data: read back,
    /// the next resume is as precise as the first, replaying what succeeded in either run.
    /// </summary>
    public static class ResumedRunFailure
    {
        /// <param name="point">Where the resumed run failed, read with the copy's definition.</param>
        /// <param name="copy">The copy the run ran.</param>
        /// <returns>The same point, its states named as the original names them.</returns>
        public static FailurePoint InOriginalTerms(FailurePoint point, GoToDefinition copy)
        {
            if (point.ResumeState == null || !copy.TwinNames.Contains(point.ResumeState))
            {
                return point;
            }

            var names = copy.OriginalNames;
            string Original(string name) => names.TryGetValue(name, out var original) ? original : name;

            if (point.MapRun != null && copy.DistributedTwins.Any(map => copy.Twins.TryGetValue(map, out var twin) && twin == point.ResumeState))
            {
                point.MapRun.ItemFile = ItemFileIn(point.ResumeInput);
            }

            point.ResumeInput = Unwrapped(point.ResumeInput);
            point.ResumeState = Original(point.ResumeState);
            point.FailedState = point.FailedState == null ? null : Original(point.FailedState);
            point.FailedStatePath = string.Join(FailurePointFinder.PathSeparator, point.FailedStatePath.Split(new[] { FailurePointFinder.PathSeparator }, System.StringSplitOptions.None).Select(Original));
            foreach (var container in point.Containers)
            {
                Translate(container, copy, Original);
            }

            return point;
        }

        private static void Translate(ContainerRecord container, GoToDefinition copy, System.Func<string, string> original)
        {
            if (copy.TwinNames.Contains(container.StateName))
            {
                container.Input = Unwrapped(container.Input);
            }

            container.StateName = original(container.StateName);
            foreach (var branch in container.Branches)
            {
                if (branch.ResumeState != null)
                {
                    if (copy.TwinNames.Contains(branch.ResumeState))
                    {
                        branch.ResumeInput = Unwrapped(branch.ResumeInput);
                    }

                    branch.ResumeState = original(branch.ResumeState);
                }

                if (branch.VariablesAtEntry != null)
                {
                    // Two copies of one state (one in a renamed branch, one in a twin) read back as one: the latest kept.
                    var byOriginal = new Dictionary<string, IReadOnlyDictionary<string, string>>(System.StringComparer.Ordinal);
                    foreach (var entry in branch.VariablesAtEntry)
                    {
                        byOriginal[original(entry.Key)] = entry.Value;
                    }

                    branch.VariablesAtEntry = byOriginal;
                }

                if (branch.Nested != null)
                {
                    Translate(branch.Nested, copy, original);
                }
            }
        }

        /// <summary>The item file a Distributed Map's twin was entered with (its replay's bucket and key), as <c>s3://bucket/key</c>.</summary>
        private static string? ItemFileIn(string? wrapped)
        {
            if (wrapped == null)
            {
                return null;
            }

            try
            {
                var replay = System.Text.Json.Nodes.JsonNode.Parse(wrapped)?[TwinBuilder.ReplayKey];
                var bucket = replay?[DistributedTwin.BucketKey]?.GetValue<string>();
                var key = replay?[DistributedTwin.KeyKey]?.GetValue<string>();
                return bucket == null || key == null ? null : $"s3://{bucket}/{key}";
            }
            catch (System.Exception e) when (e is JsonException || e is System.InvalidOperationException || e is System.FormatException)
            {
                return null;
            }
        }

        /// <summary>What the original state was entered with: the <c>input</c> beside the twin's replay data.</summary>
        private static string? Unwrapped(string? wrapped)
        {
            if (wrapped == null)
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(wrapped);
                return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(InputRebase.InputKey, out var input)
                    ? input.GetRawText()
                    : wrapped;
            }
            catch (JsonException)
            {
                return wrapped;
            }
        }
    }
}
