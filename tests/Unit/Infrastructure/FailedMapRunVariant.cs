using System;
using System.Linq;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// How a <see cref="FailedMapRunWorld"/>'s Map gets its items and what it does with them: the parent's
    /// definition and input, what each child was started with, and whether the items sit in S3. The default is
    /// the acceptance scenario's: an ItemReader over an S3 JSON file, each child given its item.
    /// </summary>
    public sealed class FailedMapRunVariant
    {
        public static readonly FailedMapRunVariant S3Json = new FailedMapRunVariant("an S3 JSON file", FailedMapRunScenario.ParentDefinition, _ => FailedMapRunScenario.ParentInput);

        private const string Processor = """
            "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Fetch order","States":{
              "Fetch order":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"Charge card"},
              "Charge card":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}
            """;

        private const string Reader = "\"ItemReader\":{\"Resource\":\"arn:aws:states:::s3:getObject\",\"ReaderConfig\":{\"InputType\":\"JSON\"},\"Parameters\":{\"Bucket.$\":\"$.Bucket\",\"Key.$\":\"$.Key\"}},";

        public FailedMapRunVariant(string name, string definition, Func<int, string> parentInput, Func<int, string>? childInput = null, bool itemsInS3 = true)
        {
            Name = name;
            Definition = definition;
            ParentInput = parentInput;
            ChildInput = childInput ?? FailedMapRunScenario.Item;
            ItemsInS3 = itemsInS3;
        }

        /// <summary>The items are an array in the parent's input (ItemsPath), not in S3.</summary>
        public static FailedMapRunVariant ItemsPath { get; } = new FailedMapRunVariant(
            "ItemsPath from the input",
            Map("\"ItemsPath\":\"$.orders\",\"ResultPath\":\"$.results\","),
            items => "{\"orders\":[" + string.Join(",", Enumerable.Range(0, items).Select(FailedMapRunScenario.Item)) + "]}",
            itemsInS3: false);

        /// <summary>An ItemSelector hands each child its item with the item's index beside it.</summary>
        public static FailedMapRunVariant ItemSelector { get; } = new FailedMapRunVariant(
            "an ItemSelector",
            Map(Reader + "\"ItemSelector\":{\"order.$\":\"$$.Map.Item.Value\",\"position.$\":\"$$.Map.Item.Index\"},"),
            _ => FailedMapRunScenario.ParentInput,
            item => $"{{\"order\":{FailedMapRunScenario.Item(item)},\"position\":{item}}}");

        /// <summary>A ResultWriter writes the results to S3 rather than into the Map's output.</summary>
        public static FailedMapRunVariant ResultWriter { get; } = new FailedMapRunVariant(
            "a ResultWriter",
            Map(Reader + "\"ResultWriter\":{\"Resource\":\"arn:aws:states:::s3:putObject\",\"Parameters\":{\"Bucket\":\"results\",\"Prefix\":\"nightly\"}},"),
            _ => FailedMapRunScenario.ParentInput);

        /// <summary>Rows of a CSV file: a source SfnResume does not read.</summary>
        public static FailedMapRunVariant Csv { get; } = new FailedMapRunVariant(
            "a CSV file",
            Map("\"ItemReader\":{\"Resource\":\"arn:aws:states:::s3:getObject\",\"ReaderConfig\":{\"InputType\":\"CSV\",\"CSVHeaderLocation\":\"FIRST_ROW\"},\"Parameters\":{\"Bucket.$\":\"$.Bucket\",\"Key.$\":\"$.Key\"}},"),
            _ => FailedMapRunScenario.ParentInput,
            itemsInS3: false);

        public string Name { get; }

        public string Definition { get; }

        /// <summary>The parent's input, given the number of items.</summary>
        public Func<int, string> ParentInput { get; }

        /// <summary>What item i's child was started with.</summary>
        public Func<int, string> ChildInput { get; }

        public bool ItemsInS3 { get; }

        public override string ToString() => Name;

        private static string Map(string fields) =>
            "{\"StartAt\":\"ProcessOrders\",\"States\":{\"ProcessOrders\":{\"Type\":\"Map\",\"MaxConcurrency\":100,\"ToleratedFailureCount\":50,"
            + fields + Processor + ",\"End\":true}}}";
    }
}
