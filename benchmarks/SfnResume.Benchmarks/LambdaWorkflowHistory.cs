using System;
using System.IO;
using System.Text.Json;

namespace SfnResume.Benchmarks
{
    /// <summary>
    /// Writes a history shaped like a real Lambda workflow, in GetExecutionHistory wire format as the recorded
    /// histories (tests/fixtures/aws-histories) show it: a Lambda task loads a batch of orders, then an inline
    /// Map runs two Lambda tasks for each order, one iteration after another. Each task takes five events
    /// (TaskStateEntered, TaskScheduled, TaskStarted, TaskSucceeded, TaskStateExited), so three state names
    /// repeat thousands of times, and each payload (state input, task parameters, Lambda response, state
    /// output) is 1 to 2 KB. The last order's charge fails: about 25,000 events, failing in the last few.
    /// </summary>
    internal static class LambdaWorkflowHistory
    {
        /// <summary>Orders in the batch: 12 events each, so that the history has about 25,000 events.</summary>
        public const int Orders = 2082;

        public const string Definition = "{\"StartAt\":\"Load orders\",\"States\":{"
            + "\"Load orders\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"Parameters\":{\"FunctionName\":\"load-orders\",\"Payload.$\":\"$\"},\"Next\":\"Process orders\"},"
            + "\"Process orders\":{\"Type\":\"Map\",\"ItemsPath\":\"$.Payload.orders\",\"MaxConcurrency\":1,\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"INLINE\"},\"StartAt\":\"Fetch order\",\"States\":{"
            + "\"Fetch order\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"Parameters\":{\"FunctionName\":\"fetch-order\",\"Payload.$\":\"$\"},\"OutputPath\":\"$.Payload\",\"Next\":\"Charge card\"},"
            + "\"Charge card\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"Parameters\":{\"FunctionName\":\"charge-card\",\"Payload.$\":\"$\"},\"OutputPath\":\"$.Payload\",\"End\":true}}},"
            + "\"End\":true}}}";

        private const string Region = "eu-west-1";

        /// <summary>Writes the history; returns how many events it holds.</summary>
        public static int Write(string path)
        {
            using var file = File.Create(path);
            using var writer = new Utf8JsonWriter(file);
            var history = new Writer(writer);
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            var batch = JsonSerializer.Serialize(new { batch = "2024-06-01", orders = Orders, source = new string('s', 900) });
            history.Event("ExecutionStarted", "executionStartedEventDetails", d =>
            {
                d.WriteString("input", batch);
                Truncated(d, "inputDetails");
                d.WriteString("roleArn", "arn:aws:iam::111111111111:role/orders-workflow");
            });
            var loaded = history.Task("Load orders", "load-orders", batch, batch, batch);
            history.Entered("MapStateEntered", "Process orders", loaded);
            history.Event("MapStateStarted", "mapStateStartedEventDetails", d => d.WriteNumber("length", Orders));
            var mapStarted = history.Last;
            var previous = mapStarted;
            for (var index = 0; index < Orders; index++)
            {
                history.Event("MapIterationStarted", "mapIterationStartedEventDetails", d => Iteration(d, index), previous);
                var order = Order(index);
                var fetched = history.Task("Fetch order", "fetch-order", order, order, order);
                if (index == Orders - 1)
                {
                    history.FailedTask("Charge card", "charge-card", fetched);
                    var failed = history.Last;
                    history.Event("MapIterationFailed", "mapIterationFailedEventDetails", d => Iteration(d, index));
                    history.Event("MapStateFailed", null, null, failed);
                    history.Event("ExecutionFailed", "executionFailedEventDetails", d =>
                    {
                        d.WriteString("error", "Payments.CardDeclined");
                        d.WriteString("cause", "{\"errorMessage\":\"card declined\",\"errorType\":\"CardDeclined\"}");
                    });
                    break;
                }

                history.Task("Charge card", "charge-card", fetched, fetched, Charged(fetched));
                previous = history.Last;
                history.Event("MapIterationSucceeded", "mapIterationSucceededEventDetails", d => Iteration(d, index));
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            return (int)history.Last;
        }

        private static void Iteration(Utf8JsonWriter details, int index)
        {
            details.WriteNumber("index", index);
            details.WriteString("name", "Process orders");
        }

        private static void Truncated(Utf8JsonWriter details, string name)
        {
            details.WriteStartObject(name);
            details.WriteBoolean("truncated", false);
            details.WriteEndObject();
        }

        /// <summary>One order as the workflow passes it on: about 1.2 KB of JSON.</summary>
        private static string Order(int index)
        {
            var lines = new object[6];
            for (var i = 0; i < lines.Length; i++)
            {
                lines[i] = new { sku = $"SKU-{(index * 7 + i) % 9973:D5}", description = "Stainless steel water bottle, 750 ml", quantity = 1 + (i % 3), unitPrice = 19.99 + i };
            }

            return JsonSerializer.Serialize(new
            {
                orderId = $"order-{index:D6}",
                customer = new { id = $"cust-{index % 500:D4}", name = "Alex Example", email = "alex@example.com", address = new { street = "1 Main Street", city = "Dublin", postcode = "D01 X2Y3", country = "IE" } },
                lines,
                currency = "EUR",
                total = 150.5 + index,
            });
        }

        private static string Charged(string order)
            => order.Substring(0, order.Length - 1) + ",\"payment\":{\"status\":\"CAPTURED\",\"transactionId\":\"txn-0f3a9c2e7b\",\"processor\":\"example-pay\"}}";

        /// <summary>Numbers the events and links each to the one before unless told otherwise.</summary>
        private sealed class Writer
        {
            private readonly Utf8JsonWriter writer;

            public Writer(Utf8JsonWriter writer)
            {
                this.writer = writer;
            }

            public long Last { get; private set; }

            public void Event(string type, string? detailsName, Action<Utf8JsonWriter>? details, long? previous = null)
            {
                var id = Last + 1;
                writer.WriteStartObject();
                writer.WriteNumber("timestamp", 1717200000 + (id / 1000.0));
                writer.WriteString("type", type);
                writer.WriteNumber("id", id);
                writer.WriteNumber("previousEventId", previous ?? Last);
                if (detailsName != null)
                {
                    writer.WriteStartObject(detailsName);
                    details!(writer);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                Last = id;
            }

            public void Entered(string type, string name, string input) => Event(type, "stateEnteredEventDetails", d =>
            {
                d.WriteString("input", input);
                Truncated(d, "inputDetails");
                d.WriteString("name", name);
            });

            /// <summary>A Lambda task that succeeds; returns the state's output (the Lambda's payload).</summary>
            public string Task(string name, string function, string input, string parameters, string payload)
            {
                Scheduled(name, function, input, parameters);
                var response = "{\"ExecutedVersion\":\"$LATEST\",\"Payload\":" + payload + ",\"SdkHttpMetadata\":{\"HttpHeaders\":{\"Connection\":\"keep-alive\",\"Content-Type\":\"application/json\",\"X-Amz-Executed-Version\":\"$LATEST\"},\"HttpStatusCode\":200},\"SdkResponseMetadata\":{\"RequestId\":\"6b1b0d0c-8e59-4f4e-9f59-0d2b7c3c2a10\"},\"StatusCode\":200}";
                Event("TaskSucceeded", "taskSucceededEventDetails", d =>
                {
                    d.WriteString("output", response);
                    Truncated(d, "outputDetails");
                    Lambda(d);
                });
                Event("TaskStateExited", "stateExitedEventDetails", d =>
                {
                    d.WriteString("name", name);
                    d.WriteString("output", payload);
                    Truncated(d, "outputDetails");
                });
                return payload;
            }

            public void FailedTask(string name, string function, string input)
            {
                Scheduled(name, function, input, input);
                Event("TaskFailed", "taskFailedEventDetails", d =>
                {
                    d.WriteString("cause", "{\"errorMessage\":\"card declined\",\"errorType\":\"CardDeclined\"}");
                    d.WriteString("error", "Payments.CardDeclined");
                    Lambda(d);
                });
            }

            private static void Lambda(Utf8JsonWriter details)
            {
                details.WriteString("resource", "invoke");
                details.WriteString("resourceType", "lambda");
            }

            private void Scheduled(string name, string function, string input, string parameters)
            {
                Entered("TaskStateEntered", name, input);
                Event("TaskScheduled", "taskScheduledEventDetails", d =>
                {
                    d.WriteString("parameters", "{\"FunctionName\":\"arn:aws:lambda:" + Region + ":111111111111:function:" + function + "\",\"Payload\":" + parameters + "}");
                    d.WriteString("region", Region);
                    Lambda(d);
                });
                Event("TaskStarted", "taskStartedEventDetails", Lambda);
            }
        }
    }
}
