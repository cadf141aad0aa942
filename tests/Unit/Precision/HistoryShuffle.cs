using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace SfnResume.Tests.Precision
{
    /// <summary>
    /// Writes a simulated run's events in a random order that keeps every event after what it depends on
    /// (its link, the event before it in its own branch or iteration, the ends a container waits for), with
    /// ids numbered in that order and links renumbered to match: one of the many files AWS could have
    /// written for the same run. ExecutionStarted stays first and the terminal event last.
    /// </summary>
    public static class HistoryShuffle
    {
        public static IReadOnlyList<string> Write(IReadOnlyList<SimulatedEvent> events, int seed)
        {
            var random = new Random(seed);
            var waiting = events.ToDictionary(e => e.Key, e => e.After.Count);
            var dependents = events.ToDictionary(e => e.Key, _ => new List<int>());
            foreach (var e in events)
            {
                foreach (var before in e.After)
                {
                    dependents[before].Add(e.Key);
                }
            }

            var ready = events.Where(e => e.After.Count == 0).Select(e => e.Key).ToList();
            var order = new List<int>();
            while (ready.Count > 0)
            {
                var pick = seed == 0 ? 0 : random.Next(ready.Count);
                var key = ready[pick];
                ready.RemoveAt(pick);
                order.Add(key);
                foreach (var dependent in dependents[key])
                {
                    if (--waiting[dependent] == 0)
                    {
                        ready.Add(dependent);
                    }
                }
            }

            if (order.Count != events.Count)
            {
                throw new InvalidOperationException("The simulated events depend on each other in a circle.");
            }

            var ids = new Dictionary<int, long>();
            for (var i = 0; i < order.Count; i++)
            {
                ids[order[i]] = i + 1;
            }

            var byKey = events.ToDictionary(e => e.Key);
            return order.Select(key =>
            {
                var e = byKey[key];
                var json = new JsonObject
                {
                    ["timestamp"] = JsonValue.Create(1700000000 + ids[key] / 100.0),
                    ["type"] = e.Type,
                    ["id"] = ids[key],
                    ["previousEventId"] = e.Link == 0 ? 0 : ids[e.Link],
                };
                if (e.DetailsName != null)
                {
                    json[e.DetailsName] = e.Details!.DeepClone();
                }

                return json.ToJsonString();
            }).ToList();
        }
    }
}
