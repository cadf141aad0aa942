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
        private HistoryEventDetails? details;

        // Where the details still lie in a saved history, until first asked for.
        private IEventBytes? detailsSource;
        private int detailsKey;

        public DateTime Timestamp { get; set; }

        /// <summary>The event type, e.g. <c>TaskStateEntered</c>. Kept as text: the enum keeps growing.</summary>
        public string Type { get; set; } = string.Empty;

        public long Id { get; set; }

        /// <summary>The event this one follows. Zero on some real events (see the project's reference notes).</summary>
        public long PreviousEventId { get; set; }

        /// <summary>The wire name of the details member, e.g. <c>stateEnteredEventDetails</c>; null when there is none.</summary>
        public string? DetailsName { get; set; }

        public HistoryEventDetails? Details
        {
            get
            {
                if (detailsSource != null)
                {
                    details = detailsSource.ReadDetails(this, detailsKey);
                    detailsSource = null;
                }

                return details;
            }

            set
            {
                details = value;
                detailsSource = null;
            }
        }

        /// <summary>
        /// Leaves the details in <paramref name="source"/> until <see cref="Details"/> is first asked for. An
        /// analysis of a saved history looks at the details of a few events out of thousands, and the details
        /// hold the payloads, which are most of a history's size.
        /// </summary>
        internal void DeferDetails(IEventBytes source, int key)
        {
            details = null;
            detailsSource = source;
            detailsKey = key;
        }
    }
}
