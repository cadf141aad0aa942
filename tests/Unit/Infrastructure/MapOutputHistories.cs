using System;
using System.Collections.Generic;
using System.IO;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// A Map over two items running Work, item 0 succeeding with <c>{"done":1}</c> and item 1 failing, saved
    /// twice: as written, and with item 0's output damaged (an escaped lone surrogate: JSON, but not text).
    /// </summary>
    public static class MapOutputHistories
    {
        public const string Definition = "{\"StartAt\":\"Each\",\"States\":{\"Each\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"ItemProcessor\":{\"StartAt\":\"Work\",\"States\":{\"Work\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true}}},\"End\":true}}}";

        // As the file holds them: the serializer escapes quotes as \u0022.
        private const string GoodOutput = "{\\u0022done\\u0022:1}";
        private const string DamagedOutput = "{\\u0022note\\u0022:\\u0022\\ud800\\u0022}";

        /// <returns>The paths, and where in the damaged file the damaged output's string starts.</returns>
        public static (string Good, string Damaged, string Definition, int DamagedAt) Write(string folder)
        {
            var h = new HistoryBuilder();
            var started = h.Started("{\"items\":[1,2]}");
            var entered = h.Entered("Map", "Each", "{\"items\":[1,2]}", started);
            var mapStarted = h.Add("MapStateStarted", entered, "mapStateStartedEventDetails", new Dictionary<string, object?> { ["length"] = 2 });
            var first = h.Add("MapIterationStarted", mapStarted, "mapIterationStartedEventDetails", new Dictionary<string, object?> { ["name"] = "Each", ["index"] = 0 });
            var done = h.Task("Work", "1", "{\"done\":1}", first);
            h.Add("MapIterationSucceeded", done, "mapIterationSucceededEventDetails", new Dictionary<string, object?> { ["name"] = "Each", ["index"] = 0 });
            var second = h.Add("MapIterationStarted", done, "mapIterationStartedEventDetails", new Dictionary<string, object?> { ["name"] = "Each", ["index"] = 1 });
            var failed = h.FailingTask("Work", "2", second, "Boom");
            h.Add("MapIterationFailed", failed, "mapIterationFailedEventDetails", new Dictionary<string, object?> { ["name"] = "Each", ["index"] = 1 });
            var mapFailed = h.Add("MapStateFailed", failed);
            h.Failed(mapFailed, "Boom", "{}");

            var text = "{\"events\":[" + string.Join(",", h.Events) + "]}";
            var good = Path.Combine(folder, "map-good.json");
            File.WriteAllText(good, text);
            var damagedText = text.Replace(GoodOutput, DamagedOutput, StringComparison.Ordinal);
            var damaged = Path.Combine(folder, "map-damaged.json");
            File.WriteAllText(damaged, damagedText);
            var definition = Path.Combine(folder, "map-definition.json");
            File.WriteAllText(definition, Definition);
            return (good, damaged, definition, damagedText.LastIndexOf("\"" + DamagedOutput, StringComparison.Ordinal));
        }
    }
}
