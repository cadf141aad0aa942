using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// The level-ALL records of a small Express run (Pass "Prepare", then Task "Charge"), as Step Functions logs them
    /// with execution data: succeeded, or ended by the Task's failure, a timeout or an abort. Many of them make a
    /// busy log group in which the few failed runs are to be found.
    /// </summary>
    public static class ExpressRunRecords
    {
        /// <summary>The definition the runs ran.</summary>
        public const string Definition = "{\"StartAt\":\"Prepare\",\"States\":{\"Prepare\":{\"Type\":\"Pass\",\"Next\":\"Charge\"},\"Charge\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true}}}";

        public const string Input = "{\"orderId\":\"o-1042\",\"customer\":{\"id\":\"c-77\",\"tier\":\"gold\"},\"lines\":[{\"sku\":\"A-1\",\"qty\":2},{\"sku\":\"B-9\",\"qty\":1}],\"total\":129.5}";

        /// <param name="ending">SUCCEEDED, FAILED, TIMED_OUT or ABORTED.</param>
        /// <param name="startMs">Epoch milliseconds of ExecutionStarted; the run's events follow a few milliseconds apart.</param>
        public static IReadOnlyList<JsonObject> Of(string executionArn, long startMs, string ending)
        {
            var records = new List<JsonObject>();
            void Add(string type, JsonObject details)
            {
                var id = records.Count + 1;
                records.Add(new JsonObject
                {
                    ["id"] = id.ToString(CultureInfo.InvariantCulture),
                    ["type"] = type,
                    ["details"] = details,
                    ["previous_event_id"] = (id - 1).ToString(CultureInfo.InvariantCulture),
                    ["event_timestamp"] = (startMs + (id * 7)).ToString(CultureInfo.InvariantCulture),
                    ["execution_arn"] = executionArn,
                    ["redrive_count"] = "0",
                });
            }

            JsonObject Payload(string member) => new JsonObject { [member] = Input, [member + "Details"] = new JsonObject { ["truncated"] = false } };

            var started = Payload("input");
            started["roleArn"] = "arn:aws:iam::123456789012:role/orders";
            Add("ExecutionStarted", started);
            var prepare = Payload("input");
            prepare["name"] = "Prepare";
            Add("PassStateEntered", prepare);
            var prepared = Payload("output");
            prepared["name"] = "Prepare";
            Add("PassStateExited", prepared);
            var charge = Payload("input");
            charge["name"] = "Charge";
            Add("TaskStateEntered", charge);
            switch (ending)
            {
                case "FAILED":
                    Add("TaskFailed", new JsonObject { ["resourceType"] = "lambda", ["resource"] = "invoke", ["error"] = "PaymentDeclined", ["cause"] = "{\"errorMessage\":\"card declined\"}" });
                    Add("ExecutionFailed", new JsonObject { ["error"] = "PaymentDeclined", ["cause"] = "{\"errorMessage\":\"card declined\"}" });
                    break;
                case "TIMED_OUT":
                    Add("ExecutionTimedOut", new JsonObject { ["error"] = "States.Timeout", ["cause"] = "The execution timed out." });
                    break;
                case "ABORTED":
                    Add("ExecutionAborted", new JsonObject());
                    break;
                default:
                    Add("TaskSucceeded", new JsonObject { ["resourceType"] = "lambda", ["resource"] = "invoke", ["output"] = Input, ["outputDetails"] = new JsonObject { ["truncated"] = false } });
                    var charged = Payload("output");
                    charged["name"] = "Charge";
                    Add("TaskStateExited", charged);
                    Add("ExecutionSucceeded", Payload("output"));
                    break;
            }

            return records;
        }
    }
}
