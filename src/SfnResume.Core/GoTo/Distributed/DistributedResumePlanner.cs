using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfnResume.Definitions;

namespace SfnResume.GoTo.Distributed
{
    /// <summary>
    /// Plans the resume of a failed top-level Distributed Map on its GoTo copy: which items run again and how
    /// (<see cref="ItemFile"/>), or why the whole Map runs again instead. Succeeded children's items do not run;
    /// failed, timed-out and aborted children resume at the state they stopped in with its recorded input;
    /// everything else (never started, or stopped where nothing was recorded) runs from the item processor's
    /// start, each with the input the failed run gave (or would have given) it.
    /// </summary>
    public static class DistributedResumePlanner
    {
        /// <summary>Room left in a child's 256 KiB input for the wrapping around the item's and the state's inputs.</summary>
        private const int EnvelopeBytes = 1024;

        /// <param name="definitionJson">The original definition (the one the failed run ran).</param>
        /// <param name="location">Where the operator wants the item file; null: the ItemReader's bucket.</param>
        public static DistributedResumePlan Plan(DistributedMapRun run, GoToDefinition copy, string definitionJson, ItemFileLocation? location)
        {
            var name = run.MapState;
            var definition = StateMachineDefinition.Parse(definitionJson);
            var state = JsonNode.Parse(definitionJson, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip })?["States"]?[name] as JsonObject;
            if (state == null || !DistributedTwin.IsDistributed(state))
            {
                throw new ArgumentException($"'{name}' is not a top-level Distributed Map of the definition.", nameof(run));
            }

            var result = MapResult(state, definition.Find(name)!);
            if (!copy.Twins.ContainsKey(name))
            {
                var why = copy.Untwinned.TryGetValue(name, out var reason) ? reason : "the copy has no replay copy of it";
                return Whole(name, PrecisionCodes.NoTwin, why, result.Whole);
            }

            var source = run.Items;
            if (source.Kind != ItemSourceKind.Input && source.Kind != ItemSourceKind.S3Json)
            {
                return Whole(name, PrecisionCodes.ItemSourceNotRead, $"its items come from {Describe(source.Kind)}, which SfnResume does not read, so which items did not run cannot be told", result.Whole);
            }

            if (source.Items == null)
            {
                return Whole(name, PrecisionCodes.ItemSourceNotRead, source.NotRead == null ? "its items were not read" : $"its items could not be read: {source.NotRead}", result.Whole);
            }

            if (run.ResumedEntries != null)
            {
                return PlanAgain(run, run.ResumedEntries, copy, definition, location, result);
            }

            if (source.Kind == ItemSourceKind.S3Json && state.ContainsKey("ItemsPath"))
            {
                return Whole(name, PrecisionCodes.ItemSourceNotRead, "it reads a JSON file with an ItemsPath beside its ItemReader, which SfnResume does not follow", result.Whole);
            }

            var items = Limited(state, source.Items, run.MapInput, out var limitUnknown);
            if (limitUnknown != null)
            {
                return Whole(name, PrecisionCodes.ItemSourceNotRead, $"its ItemReader reads at most MaxItemsPath ({limitUnknown}) items, which cannot be worked out here, so which items it read is not known", result.Whole);
            }

            if (run.RecordedItemCount is long recorded && recorded != items.Count)
            {
                return Whole(name, PrecisionCodes.ItemsNotMatched, $"its Map Run read {recorded:N0} items and {items.Count:N0} are read now: the items have changed since the run", result.Whole);
            }

            var matched = ItemMatcher.Match(state, items, run.MapInput, run.Children, out var unmatched);
            if (matched == null)
            {
                return Whole(name, PrecisionCodes.ItemsNotMatched, unmatched!, result.Whole);
            }

            var bucket = location?.Bucket ?? source.Bucket;
            if (string.IsNullOrEmpty(bucket))
            {
                return Whole(name, PrecisionCodes.NoItemBucket, "no bucket was named for the file of items to re-run, and its ItemReader names none", result.Whole);
            }

            var byItem = new MapRunChild?[items.Count];
            for (var c = 0; c < run.Children.Count; c++)
            {
                byItem[matched[c]] = run.Children[c];
            }

            var slots = items.Select((item, i) => new Slot(i, item, byItem[i], previousReplay: null)).ToList();
            return Precise(name, slots, definition, copy, bucket!, location, result);
        }

        /// <summary>
        /// The resume of a resumed run that failed again in the Map's twin: its children are matched to the
        /// entries of the item file it ran by the index each carries; entries whose child succeeded this time
        /// drop out, the others resume where their child stopped this time, or where the entry said when that
        /// was not recorded. Items that succeeded in the first run were never in the file, so nothing that
        /// succeeded in either run runs again.
        /// </summary>
        private static DistributedResumePlan PlanAgain(DistributedMapRun run, IReadOnlyList<ItemFileEntry> entries, GoToDefinition copy, StateMachineDefinition definition, ItemFileLocation? location, (string Whole, string? Partial, Func<int, int, string> Precise) result)
        {
            var name = run.MapState;
            if (run.RecordedItemCount is long recorded && recorded != entries.Count)
            {
                return Whole(name, PrecisionCodes.ItemsNotMatched, $"its resumed run read {recorded:N0} items and {run.Items.Bucket}/{run.Items.Key} holds {entries.Count:N0} now: the item file has changed since the run", result.Whole);
            }

            var position = new Dictionary<int, int>();
            for (var p = 0; p < entries.Count; p++)
            {
                position[entries[p].Index] = p;
            }

            var byEntry = new MapRunChild?[entries.Count];
            foreach (var child in run.Children)
            {
                if (!(IndexIn(child.Input) is int index) || !position.TryGetValue(index, out var at) || byEntry[at] != null)
                {
                    return Whole(name, PrecisionCodes.ItemsNotMatched, $"a child execution of its resumed run ({child.ExecutionArn}) does not name an entry of the item file it ran by its index, so which items did not finish cannot be told (a copy made by an earlier SfnResume hands its children no index)", result.Whole);
                }

                byEntry[at] = child;
            }

            var bucket = location?.Bucket ?? run.Items.Bucket!;
            var slots = entries.Select((entry, p) => new Slot(entry.Index, entry.Item, byEntry[p], entry.Replay)).ToList();
            var precise = result.Precise;
            result.Precise = (ran, skipped) => precise(ran, skipped) + " The items that succeeded in the run before were not in the item file the resumed run ran, and do not run again either.";
            return Precise(name, slots, definition, copy, bucket, location, result);
        }

        /// <summary>The index a child of the twin was handed beside its input; null when there is none.</summary>
        private static int? IndexIn(string? input)
        {
            try
            {
                return input != null && JsonNode.Parse(input) is JsonObject wrapped && wrapped[DistributedTwin.IndexKey] is JsonValue value && value.TryGetValue<int>(out var index) ? index : (int?)null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static DistributedResumePlan Precise(string name, IReadOnlyList<Slot> slots, StateMachineDefinition definition, GoToDefinition copy, string bucket, ItemFileLocation? location, (string Whole, string? Partial, Func<int, int, string> Precise) result)
        {
            var variables = definition.VariablesIn(name, null);
            var counts = new Counts();
            var content = Entries(slots, name, definition, copy, variables, counts);
            var key = (location?.Prefix ?? ItemFileLocation.DefaultPrefix) + Hash(content) + ".json";
            var file = new ItemFile(bucket!, key, content, counts.Entries);
            var reasons = new List<PrecisionReason>();
            if (counts.NotRecorded > 0)
            {
                reasons.Add(new PrecisionReason(PrecisionCodes.ResumeInputNotRecorded,
                    $"'{name}': {counts.NotRecorded:N0} child execution{(counts.NotRecorded == 1 ? " runs" : "s run")} again from the item processor's start: where {(counts.NotRecorded == 1 ? "it" : "they")} stopped, or that state's input, was not recorded ({(counts.LogsProblems.Count == 0 ? "an Express child without logs, or a history without execution data" : "Express children whose log records could not give it: " + string.Join(", ", counts.LogsProblems))})."));
            }

            if (counts.TooLarge > 0)
            {
                reasons.Add(new PrecisionReason(PrecisionCodes.InputTooLarge,
                    $"'{name}': {counts.TooLarge:N0} child execution{(counts.TooLarge == 1 ? " runs" : "s run")} again from the item processor's start: the item and the recorded input together would exceed a child's 256 KiB input."));
            }

            if (result.Partial != null)
            {
                reasons.Add(new PrecisionReason(PrecisionCodes.PartialResult, $"'{name}': {result.Partial}"));
            }

            var replay = new JsonObject { [DistributedTwin.BucketKey] = file.Bucket, [DistributedTwin.KeyKey] = file.Key }.ToJsonString();
            var replayed = new[] { $"'{name}': {counts.Skipped:N0} of {slots.Count:N0} items (their children succeeded)" };
            var rerun = new[] { $"'{name}': {counts.Entries:N0} items ({counts.AtState:N0} at the state they stopped in, {counts.FromStart:N0} from the start), listed in {file.Uri}" };
            var plan = ReplayPlan.Precise(replay, replayed, rerun, reasons, innerState: null);
            return new DistributedResumePlan(plan, file, result.Precise(counts.Entries, counts.Skipped))
            {
                Skipped = counts.Skipped,
                ResumedAtState = counts.AtState,
                FromStart = counts.FromStart,
            };
        }

        /// <summary>The entries, in item order: succeeded items left out, the others with how they resume.</summary>
        private static string Entries(IReadOnlyList<Slot> slots, string map, StateMachineDefinition definition, GoToDefinition copy, IReadOnlyCollection<string> variables, Counts counts)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartArray();
                foreach (var slot in slots)
                {
                    var child = slot.Child;
                    if (child?.Status == MapRunChildStatus.Succeeded)
                    {
                        counts.Skipped++;
                        continue;
                    }

                    counts.Entries++;
                    writer.WriteStartObject();
                    writer.WriteNumber(DistributedTwin.IndexKey, slot.Index);
                    writer.WritePropertyName(DistributedTwin.ItemKey);
                    WriteRaw(writer, slot.Item);
                    writer.WritePropertyName(TwinBuilder.ReplayKey);

                    // A child of a resumed run stopped in the twin's copy of a state: the original's name, which the twin's replay Choice knows.
                    var state = child?.ResumeState == null ? null : copy.OriginalNames.TryGetValue(child.ResumeState, out var original) ? original : child.ResumeState;
                    var why = child == null ? Stop.NotRun : WhyNotAtState(child, state, map, definition, slot.Item);
                    if (why == Stop.None)
                    {
                        counts.AtState++;
                        writer.WriteStartObject();
                        writer.WriteString("state", state);
                        writer.WritePropertyName("input");
                        WriteRaw(writer, child!.ResumeInput!);
                        if (variables.Count > 0)
                        {
                            writer.WriteStartObject("variables");
                            foreach (var variable in variables)
                            {
                                writer.WritePropertyName(variable);
                                if (child.Variables.TryGetValue(variable, out var value))
                                {
                                    WriteRaw(writer, value);
                                }
                                else
                                {
                                    writer.WriteNullValue();
                                }
                            }

                            writer.WriteEndObject();
                        }

                        writer.WriteEndObject();
                    }
                    else if (slot.PreviousReplay != null && slot.PreviousReplay != "1")
                    {
                        // Where this run's child stopped is not known: where the entry resumed it is still good, as nothing after it succeeded.
                        counts.AtState++;
                        WriteRaw(writer, slot.PreviousReplay);
                    }
                    else
                    {
                        counts.FromStart++;
                        counts.NotRecorded += why == Stop.NotRecorded ? 1 : 0;
                        if (why == Stop.NotRecorded && child?.LogsProblem != null)
                        {
                            counts.LogsProblems.Add(child.LogsProblem);
                        }

                        counts.TooLarge += why == Stop.TooLarge ? 1 : 0;
                        writer.WriteNumberValue(1);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        /// <summary>Why a child that did not succeed cannot resume at its state (the item processor's, its input recorded, the whole fitting a child's input); <see cref="Stop.None"/> when it can.</summary>
        private static Stop WhyNotAtState(MapRunChild child, string? state, string map, StateMachineDefinition definition, string item)
        {
            if (state == null || child.ResumeInput == null || definition.Find(state)?.Container?.Name != map)
            {
                return Stop.NotRecorded;
            }

            var bytes = Encoding.UTF8.GetByteCount(item) + Encoding.UTF8.GetByteCount(child.ResumeInput) + child.Variables.Values.Sum(v => Encoding.UTF8.GetByteCount(v)) + EnvelopeBytes;
            return bytes > ResumingInput.MaxBytes ? Stop.TooLarge : Stop.None;
        }

        /// <summary>ReaderConfig.MaxItems, or MaxItemsPath read from the Map's input: the Map read only the first items. <paramref name="unknown"/>: a MaxItemsPath that cannot be read.</summary>
        private static IReadOnlyList<string> Limited(JsonObject state, IReadOnlyList<string> items, string? mapInput, out string? unknown)
        {
            unknown = null;
            var config = (state["ItemReader"] as JsonObject)?["ReaderConfig"] as JsonObject;
            JsonNode? max = config?["MaxItems"];
            if (config != null && StateFields.Text(config, "MaxItemsPath") is string path)
            {
                var effective = mapInput != null && DefinitePath.TrySelect(JsonNode.Parse(mapInput), StateFields.Text(state, "InputPath") ?? "$", 1, out var selected) ? selected : null;
                if (!path.StartsWith("$", StringComparison.Ordinal) || path.StartsWith("$$", StringComparison.Ordinal) || (path.Length > 1 && path[1] != '.' && path[1] != '[') || !DefinitePath.TrySelect(effective, path, 1, out max))
                {
                    unknown = path;
                    return items;
                }
            }

            return max is JsonValue value && value.TryGetValue<int>(out var limit) && limit > 0 && limit < items.Count ? items.Take(limit).ToList() : items;
        }

        private static (string Whole, string? Partial, Func<int, int, string> Precise) MapResult(JsonObject state, StateInfo info)
        {
            var whole = "the Map runs every item again; its result is the one an ordinary run gives";
            if (state["ResultWriter"] != null)
            {
                return (whole, "its ResultWriter writes a new manifest and result files holding only the items that ran again; the results of the items that succeeded before are in the failed run's results.",
                    (ran, skipped) => $"The ResultWriter writes a new manifest and result files for the {ran:N0} items that ran again; the {skipped:N0} that succeeded before keep theirs in the failed run's results. The Map's output names the new manifest.");
            }

            if (info.DiscardsResult)
            {
                return (whole, null, (ran, skipped) => $"Discarded (ResultPath null): the next state gets the Map's input, as in an ordinary run; {ran:N0} items ran again, {skipped:N0} did not.");
            }

            return (whole, "its output array holds the results of the items that ran again only, in item order; the results of the items that succeeded before are not in it.",
                (ran, skipped) => $"An array of the {ran:N0} results of the items that ran again, in item order; the {skipped:N0} items that succeeded before are not in it.");
        }

        /// <summary>The plan when the Map Run itself could not be read (a refused or failed call): the Map re-runs whole, and says why.</summary>
        public static DistributedResumePlan NotRead(string mapState, string why) =>
            Whole(mapState, PrecisionCodes.ItemsNotMatched, $"its Map Run could not be read to tell which items did not finish ({why})", "the Map runs every item again; its result is the one an ordinary run gives");

        private static DistributedResumePlan Whole(string name, string code, string why, string result) =>
            new DistributedResumePlan(ReplayPlan.Whole(name, new PrecisionReason(code, $"'{name}' re-runs whole, every item: {why}.")), null, result);

        private static string Describe(ItemSourceKind kind) => kind switch
        {
            ItemSourceKind.S3Csv => "a CSV file",
            ItemSourceKind.S3Manifest => "an S3 inventory manifest",
            ItemSourceKind.S3ObjectList => "an S3 object list (s3:listObjectsV2)",
            _ => "an ItemReader other than a JSON file in S3",
        };

        private static string Hash(string content)
        {
            using var sha = SHA256.Create();
            return string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(content)).Take(16).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }

        private static void WriteRaw(Utf8JsonWriter writer, string json)
        {
            using var document = JsonDocument.Parse(json);
            document.RootElement.WriteTo(writer);
        }

        /// <summary>Why an item does not resume at a state.</summary>
        private enum Stop
        {
            None,
            NotRun,
            NotRecorded,
            TooLarge,
        }

        /// <summary>One item of the file to write: its index in the original's Map Run, the item, its child (if one ran) and how an earlier file resumed it.</summary>
        private sealed class Slot
        {
            public Slot(int index, string item, MapRunChild? child, string? previousReplay)
            {
                Index = index;
                Item = item;
                Child = child;
                PreviousReplay = previousReplay;
            }

            public int Index { get; }

            public string Item { get; }

            public MapRunChild? Child { get; }

            public string? PreviousReplay { get; }
        }

        private sealed class Counts
        {
            public int Entries;
            public int Skipped;
            public int AtState;
            public int FromStart;
            public int NotRecorded;
            public int TooLarge;

            /// <summary>Why Express children's records did not say where they stopped, each code once, in ordinal order.</summary>
            public readonly SortedSet<string> LogsProblems = new SortedSet<string>(StringComparer.Ordinal);
        }
    }
}
