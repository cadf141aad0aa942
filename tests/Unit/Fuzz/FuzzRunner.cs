using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.History;

namespace SfnResume.Tests.Fuzz
{
    /// <summary>
    /// Feeds one case through the engine paths Get-SfnFailurePoint -Path [-DefinitionPath] and offline
    /// New-SfnGoToStateMachine take, and judges the outcome: an answer consistent with its inputs, or one of
    /// the engine's documented exceptions; anything else is a crash, more than the time limit a hang.
    /// </summary>
    public static class FuzzRunner
    {
        public static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

        public static FuzzResult RunHistory(FuzzCase fuzzCase, StateMachineDefinition? definition)
        {
            using var limit = new CancellationTokenSource(Limit);
            try
            {
                IReadOnlyList<SfnResume.Aws.Model.HistoryEvent> events;
                using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(fuzzCase.Text)))
                {
                    events = SavedHistory.Read(stream);
                }

                var analysis = new FailurePointFinder().Analyze(events.Reverse(), definition, limit.Token);
                var why = Inconsistency(analysis, events, definition);
                return new FuzzResult(fuzzCase, why == null ? FuzzOutcome.Answer : FuzzOutcome.Inconsistent, why ?? string.Empty);
            }
            catch (OperationCanceledException)
            {
                return new FuzzResult(fuzzCase, FuzzOutcome.Hang, $"no answer within {Limit.TotalSeconds} s");
            }
            catch (Exception e) when (e is HistoryFormatException || e is ExecutionNotFailedException || e is DefinitionFormatException)
            {
                return new FuzzResult(fuzzCase, FuzzOutcome.DocumentedError, e.GetType().Name);
            }
#pragma warning disable CA1031 // Anything else is what the fuzzer looks for.
            catch (Exception e)
#pragma warning restore CA1031
            {
                return new FuzzResult(fuzzCase, FuzzOutcome.Crash, e.ToString());
            }
        }

        public static FuzzResult RunDefinition(FuzzCase fuzzCase)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                var definition = StateMachineDefinition.Parse(fuzzCase.Text);
                var copy = new GoToRewriter().Rewrite(fuzzCase.Text);
                foreach (var state in definition.TopLevelStates)
                {
                    ResumeRequest.ForState(state, null).CheckAgainst(definition);
                }

                var why = CopyInconsistency(fuzzCase.Text, copy.Definition, clock);
                return new FuzzResult(fuzzCase, why == null ? FuzzOutcome.Answer : FuzzOutcome.Inconsistent, why ?? string.Empty);
            }
            catch (Exception e) when (e is DefinitionFormatException || e is ResumeRequestException)
            {
                return new FuzzResult(fuzzCase, FuzzOutcome.DocumentedError, e.GetType().Name);
            }
#pragma warning disable CA1031 // Anything else is what the fuzzer looks for.
            catch (Exception e)
#pragma warning restore CA1031
            {
                return new FuzzResult(fuzzCase, FuzzOutcome.Crash, e.ToString());
            }
        }

        /// <summary>Why an answer contradicts the history or definition it came from; null when it does not.</summary>
        private static string? Inconsistency(FailureAnalysis analysis, IReadOnlyList<SfnResume.Aws.Model.HistoryEvent> events, StateMachineDefinition? definition)
        {
            if (analysis.ResumeState == null)
            {
                return null;
            }

            var lastRedrive = events.Where(e => e.Type == "ExecutionRedriven").Select(e => e.Id).DefaultIfEmpty(0).Max();
            if (analysis.ResumeStateEventId < lastRedrive)
            {
                return $"the resume event {analysis.ResumeStateEventId} is before the last redrive ({lastRedrive})";
            }

            if (definition != null && definition.Find(analysis.ResumeState)?.IsTopLevel != true)
            {
                return $"the resume state '{analysis.ResumeState}' is not a top-level state of the definition";
            }

            if (analysis.ResumeInput != null)
            {
                try
                {
                    using (JsonDocument.Parse(analysis.ResumeInput))
                    {
                    }
                }
                catch (JsonException)
                {
                    return "the resume input is not JSON";
                }
            }

            return null;
        }

        /// <summary>The copy keeps every original state unchanged, and its start and new states' targets resolve.</summary>
        private static string? CopyInconsistency(string originalText, string copyText, System.Diagnostics.Stopwatch clock)
        {
            if (clock.Elapsed > Limit)
            {
                return $"the copy took {clock.Elapsed.TotalSeconds:F1} s";
            }

            // Read the original as the engine does: ASL files may have comments and trailing commas.
            using var original = JsonDocument.Parse(originalText, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            using var copy = JsonDocument.Parse(copyText);
            var originalStates = original.RootElement.GetProperty("States");
            var copyStates = copy.RootElement.GetProperty("States");
            foreach (var state in originalStates.EnumerateObject())
            {
                if (!copyStates.TryGetProperty(state.Name, out var kept) || JsonSerializer.Serialize(kept) != JsonSerializer.Serialize(state.Value))
                {
                    return $"the original state '{state.Name}' changed in the copy";
                }
            }

            var names = new HashSet<string>(copyStates.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal);
            if (!names.Contains(copy.RootElement.GetProperty("StartAt").GetString() ?? string.Empty))
            {
                return "the copy's StartAt names no state";
            }

            foreach (var added in copyStates.EnumerateObject().Where(p => !originalStates.TryGetProperty(p.Name, out _)))
            {
                foreach (var target in Targets(added.Value))
                {
                    if (!names.Contains(target))
                    {
                        return $"the added state '{added.Name}' goes to '{target}', which is not a state";
                    }
                }
            }

            return copyText.Length > 1_048_576 && originalText.Length < 700_000 ? $"the copy is {copyText.Length} characters, over AWS's 1 MB limit" : null;
        }

        private static IEnumerable<string> Targets(JsonElement state)
        {
            if (state.TryGetProperty("Next", out var next) && next.ValueKind == JsonValueKind.String)
            {
                yield return next.GetString()!;
            }

            if (state.TryGetProperty("Default", out var fallback) && fallback.ValueKind == JsonValueKind.String)
            {
                yield return fallback.GetString()!;
            }

            if (state.TryGetProperty("Choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
            {
                foreach (var rule in choices.EnumerateArray())
                {
                    if (rule.TryGetProperty("Next", out var ruleNext) && ruleNext.ValueKind == JsonValueKind.String)
                    {
                        yield return ruleNext.GetString()!;
                    }
                }
            }
        }
    }
}
