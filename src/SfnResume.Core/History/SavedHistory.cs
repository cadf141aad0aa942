using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SfnResume.Aws.Model;
using SfnResume.Aws.Serialization;

namespace SfnResume.History
{
    /// <summary>
    /// Reads a history saved to a file: the GetExecutionHistory response (<c>{"events":[...]}</c>, as the
    /// API, the AWS CLI's get-execution-history and Save-SfnExecutionHistory write it, with epoch-second or
    /// ISO 8601 timestamps), or a bare array of events. Events come back oldest first whatever order the
    /// file holds them in (the CLI's --reverse-order writes them newest first).
    /// </summary>
    public static class SavedHistory
    {
        public static IReadOnlyList<HistoryEvent> Read(Stream stream)
        {
            List<HistoryEvent>? events;
            try
            {
                using (var document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true }))
                {
                    var root = document.RootElement;
                    JsonElement array;
                    if (root.ValueKind == JsonValueKind.Array)
                    {
                        array = root;
                    }
                    else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("events", out var member) && member.ValueKind == JsonValueKind.Array)
                    {
                        array = member;
                    }
                    else
                    {
                        throw new HistoryFormatException("The file holds no history: expected {\"events\":[...]} (GetExecutionHistory, aws stepfunctions get-execution-history, Save-SfnExecutionHistory) or an array of events.");
                    }

                    events = array.Deserialize<List<HistoryEvent>>(SfnJson.Options);
                }
            }
            catch (JsonException e)
            {
                throw new HistoryFormatException("The file is not valid history JSON: " + e.Message, e);
            }

            if (events == null || events.Count == 0)
            {
                throw new HistoryFormatException("The history in the file has no events.");
            }

            if (events.Any(e => e.Id <= 0 || string.IsNullOrEmpty(e.Type)))
            {
                throw new HistoryFormatException("Some events in the file have no id or no type; it does not look like a Step Functions history.");
            }

            return events.OrderBy(e => e.Id).ToList();
        }
    }
}
