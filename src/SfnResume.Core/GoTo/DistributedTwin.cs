using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SfnResume.GoTo
{
    /// <summary>
    /// The fields of a top-level Distributed Map's twin (JSONPath), which runs only the items the failed Map Run
    /// did not finish. Its ItemReader reads the item file SfnResume wrote (<c>s3:getObject</c>, InputType JSON),
    /// whose bucket and key come with the resuming input (<c>replay.bucket</c>, <c>replay.key</c>), so one copy
    /// serves every resume. Each entry of the file is <c>{"index": the item's index in the failed run, "item":
    /// the item, "replay": 1 | {"state", "input"[, "variables"]}}</c>; the twin's ItemSelector hands each child
    /// <c>{"input": what the original's ItemSelector gives for that item, "replay": the entry's replay, "index": the
    /// entry's index}</c>, the
    /// original's references to <c>$$.Map.Item.Index</c> and <c>$$.Map.Item.Value</c> reading the entry's
    /// <c>index</c> and <c>item</c>: a child sees exactly the input it had (or would have had) in the failed run.
    /// Inside the child, the twin's item processor begins with the same replay Choice as an inline Map's.
    /// </summary>
    internal static class DistributedTwin
    {
        public const string BucketKey = "bucket";
        public const string KeyKey = "key";
        public const string IndexKey = "index";
        public const string ItemKey = "item";

        /// <summary>Step Functions' limit on a Map Label.</summary>
        private const int MaxLabelLength = 40;

        private static readonly Regex MapItem = new Regex(@"\$\$\.Map\.Item\.(Index|Value)(?![\w])", RegexOptions.CultureInvariant);

        private static readonly Regex LabelCharacters = new Regex(@"[^A-Za-z0-9_-]", RegexOptions.CultureInvariant);

        public static bool IsDistributed(JsonObject state) =>
            StateFields.Text(state, "Type") == "Map" && state["ItemProcessor"] is JsonObject processor && processor["ProcessorConfig"] is JsonObject config && StateFields.Text(config, "Mode") == "DISTRIBUTED";

        /// <summary>Why a top-level Distributed Map cannot have this twin, or null.</summary>
        public static string? WhyNot(JsonObject container, QueryDialect dialect)
        {
            if (dialect.QueryLanguage != Definitions.StateMachineDefinition.JsonPath)
            {
                return "it is a Distributed Map in JSONata, whose replay copy SfnResume does not write yet";
            }

            if (container["ItemBatcher"] != null)
            {
                return "it is a Distributed Map that hands its items over in batches (ItemBatcher): a child ran a batch, and the batches of the items that did not run would not be the ones the failed run made";
            }

            return null;
        }

        /// <summary>Writes the twin's ItemReader, ItemSelector, Label, ResultPath and OutputPath; drops ItemsPath and Items.</summary>
        public static void WrapInput(JsonObject original, JsonObject twin, string effectiveInput, string raw)
        {
            var replay = "$." + TwinBuilder.ReplayKey;
            var item = "$$.Map.Item.Value";
            twin.Remove("ItemsPath");
            twin.Remove("Items");
            twin["ItemReader"] = new JsonObject
            {
                ["Resource"] = "arn:aws:states:::s3:getObject",
                ["ReaderConfig"] = new JsonObject { ["InputType"] = "JSON" },
                ["Parameters"] = new JsonObject { ["Bucket.$"] = $"{replay}.{BucketKey}", ["Key.$"] = $"{replay}.{KeyKey}" },
            };

            var selectorKey = original.ContainsKey("Parameters") ? "Parameters" : "ItemSelector";
            var selector = new JsonObject();
            var originalSelector = original["ItemSelector"] ?? original["Parameters"];
            if (originalSelector == null)
            {
                selector[InputRebase.InputKey + ".$"] = $"{item}.{ItemKey}";
            }
            else
            {
                selector[InputRebase.InputKey] = FromEntry(InputRebase.Template(originalSelector, effectiveInput));
            }

            selector[TwinBuilder.ReplayKey + ".$"] = $"{item}.{TwinBuilder.ReplayKey}";

            // Each child carries its item's index beside the input (the hand-over to the processor drops it): a
            // resumed run that fails again is matched entry by entry, so the resume after it is as precise.
            selector[IndexKey + ".$"] = $"{item}.{IndexKey}";
            twin[selectorKey] = selector;
            twin["Label"] = Label(original);
            if (!original.ContainsKey("ResultPath"))
            {
                twin["ResultPath"] = raw;
            }

            if (!original.ContainsKey("OutputPath"))
            {
                twin["OutputPath"] = raw;
            }
        }

        /// <summary>
        /// The twin's own Label: its children are told apart from the original's in the console and in IAM
        /// (<c>execution:&lt;machine&gt;/&lt;label&gt;:*</c>). Step Functions allows at most 40 characters, letters,
        /// digits, '_' and '-'.
        /// </summary>
        private static string Label(JsonObject original)
        {
            var basis = LabelCharacters.Replace(StateFields.Text(original, "Label") ?? "map", "-");
            const string suffix = "-resumed";
            return basis.Substring(0, System.Math.Min(basis.Length, MaxLabelLength - suffix.Length)) + suffix;
        }

        /// <summary>A selector template whose context paths read the item file's entry instead of the item and its index.</summary>
        private static JsonNode? FromEntry(JsonNode? template)
        {
            switch (template)
            {
                case JsonObject obj:
                    var copy = new JsonObject();
                    foreach (var member in obj.ToList())
                    {
                        copy[member.Key] = member.Key.EndsWith(".$", System.StringComparison.Ordinal) && member.Value is JsonValue v && v.TryGetValue<string>(out var path)
                            ? JsonValue.Create(MapItem.Replace(path, m => m.Groups[1].Value == "Index" ? $"$$.Map.Item.Value.{IndexKey}" : $"$$.Map.Item.Value.{ItemKey}"))
                            : FromEntry(member.Value);
                    }

                    return copy;
                case JsonArray array:
                    var items = new JsonArray();
                    foreach (var element in array)
                    {
                        items.Add(FromEntry(element));
                    }

                    return items;
                default:
                    return template?.DeepClone();
            }
        }
    }
}
