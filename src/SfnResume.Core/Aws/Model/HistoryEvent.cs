using System;
using System.Text.Json.Serialization;
using SfnResume.Aws.Serialization;

namespace SfnResume.Aws.Model
{
    /// <summary>
    /// One event of an execution history. The API puts at most one of 37 <c>*EventDetails</c> members on an
    /// event; this type keeps whichever one is present in <see cref="Details"/> and its wire name in
    /// <see cref="DetailsName"/>, so event types AWS adds later are read without a change here.
    /// </summary>
    [JsonConverter(typeof(HistoryEventJsonConverter))]
    public sealed class HistoryEvent
    {
        public DateTime Timestamp { get; set; }

        /// <summary>The event type, e.g. <c>TaskStateEntered</c>. Kept as text: the enum keeps growing.</summary>
        public string Type { get; set; } = string.Empty;

        public long Id { get; set; }

        /// <summary>The event this one follows. Zero on some real events (see the project's reference notes).</summary>
        public long PreviousEventId { get; set; }

        /// <summary>The wire name of the details member, e.g. <c>stateEnteredEventDetails</c>; null when there is none.</summary>
        public string? DetailsName { get; set; }

        public HistoryEventDetails? Details { get; set; }
    }
}
