using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using SfnResume.Aws.Model;
using SfnResume.Aws.Serialization;

namespace SfnResume.History
{
    /// <summary>
    /// Writes an execution history in the GetExecutionHistory response format (<c>{"events":[...]}</c>), the
    /// format the AWS CLI prints and SfnResume reads back. Events are written as they arrive, so a
    /// 25,000-event history never sits in memory whole. <see cref="Complete"/> closes the document; a writer
    /// disposed without it leaves an unfinished file, which is what a cancelled save should leave.
    /// </summary>
    public sealed class HistoryFileWriter : IDisposable
    {
        private readonly Utf8JsonWriter writer;

        public HistoryFileWriter(Stream destination)
        {
            writer = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = true });
            writer.WriteStartObject();
            writer.WriteStartArray("events");
        }

        public long EventsWritten { get; private set; }

        public void Write(IEnumerable<HistoryEvent> events)
        {
            foreach (var historyEvent in events)
            {
                JsonSerializer.Serialize(writer, historyEvent, SfnJson.Options);
                EventsWritten++;
            }

            writer.Flush();
        }

        public void Complete()
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.Flush();
        }

        public void Dispose()
        {
            writer.Dispose();
        }
    }
}
