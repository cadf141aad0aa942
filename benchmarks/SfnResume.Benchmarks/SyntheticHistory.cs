using System.IO;
using System.Text.Json;

namespace SfnResume.Benchmarks
{
    /// <summary>
    /// Writes a 25,000-event history with execution data, the largest a Standard execution can have:
    /// a chain of Pass states carrying a ~1 KB payload, then a task that fails in the last events.
    /// </summary>
    internal static class SyntheticHistory
    {
        public const int EventCount = 25000;

        public static void Write(string path)
        {
            var payload = JsonSerializer.Serialize(new { orderId = 42, customer = new string('c', 200), lines = new int[100], note = new string('n', 300) });
            using var file = File.Create(path);
            using var writer = new Utf8JsonWriter(file);
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            var id = 0L;
            Event(writer, ++id, 0, "ExecutionStarted", "executionStartedEventDetails", ("input", payload));
            long previous = 0;
            var step = 0;
            while (id < EventCount - 5)
            {
                var entered = ++id;
                Event(writer, entered, previous, "PassStateEntered", "stateEnteredEventDetails", ("name", $"Step{step}"), ("input", payload));
                previous = ++id;
                Event(writer, previous, entered, "PassStateExited", "stateExitedEventDetails", ("name", $"Step{step}"), ("output", payload));
                step++;
            }

            var task = ++id;
            Event(writer, task, previous, "TaskStateEntered", "stateEnteredEventDetails", ("name", "Finish"), ("input", payload));
            Event(writer, ++id, task, "TaskScheduled", "taskScheduledEventDetails", ("resourceType", "lambda"), ("resource", "invoke"), ("parameters", payload));
            Event(writer, ++id, id - 1, "TaskStarted", "taskStartedEventDetails", ("resourceType", "lambda"), ("resource", "invoke"));
            Event(writer, ++id, id - 1, "TaskFailed", "taskFailedEventDetails", ("error", "States.TaskFailed"), ("cause", "{\"errorMessage\":\"boom\"}"));
            Event(writer, ++id, id - 1, "ExecutionFailed", "executionFailedEventDetails", ("error", "States.TaskFailed"), ("cause", "boom"));
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private static void Event(Utf8JsonWriter writer, long id, long previous, string type, string detailsName, params (string Name, string Value)[] details)
        {
            writer.WriteStartObject();
            writer.WriteNumber("timestamp", 1700000000 + (id / 1000.0));
            writer.WriteString("type", type);
            writer.WriteNumber("id", id);
            writer.WriteNumber("previousEventId", previous);
            writer.WriteStartObject(detailsName);
            foreach (var (name, value) in details)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }
}
