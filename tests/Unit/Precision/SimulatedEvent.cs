using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace SfnResume.Tests.Precision
{
    /// <summary>
    /// One history event of a simulated run, before it is given its place in the file: what it links to
    /// (<c>previousEventId</c>, as AWS writes it) and what must have happened before it (the link, the
    /// event before it in its own branch or iteration, and for an event that closes a container, every
    /// branch's or iteration's last event). Any order that keeps these is a history AWS could have written.
    /// </summary>
    public sealed class SimulatedEvent
    {
        public SimulatedEvent(int key, string type, int link, string? detailsName, JsonObject? details)
        {
            Key = key;
            Type = type;
            Link = link;
            DetailsName = detailsName;
            Details = details;
        }

        /// <summary>The order the simulation made it in, from 1.</summary>
        public int Key { get; }

        public string Type { get; }

        /// <summary>The key of the event it links to; 0 for none.</summary>
        public int Link { get; }

        public string? DetailsName { get; }

        public JsonObject? Details { get; }

        /// <summary>The keys of the events that happened before it.</summary>
        public HashSet<int> After { get; } = new HashSet<int>();
    }
}
