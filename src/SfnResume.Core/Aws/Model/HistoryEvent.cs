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
        /// <c>Details.Name</c>, without building the details of a saved history's event: an analysis reads the
        /// names of every event of a Map's thousands of iterations, and little else of most of them.
        /// </summary>
        internal string? StateName => detailsSource != null ? detailsSource.ReadName(this, detailsKey) : details?.Name;

        /// <summary><c>Details.Index</c>, without building the details (see <see cref="StateName"/>).</summary>
        internal int? IterationIndex => detailsSource != null ? detailsSource.ReadIndex(this, detailsKey) : details?.Index;

        /// <summary>Whether <c>Details.AssignedVariables</c> has any, without building the details (see <see cref="StateName"/>).</summary>
        internal bool AssignsVariables => detailsSource != null ? detailsSource.AssignsVariables(this, detailsKey) : details?.AssignedVariables is { Count: > 0 };

        /// <summary>The output as the details hold it, decoded or not, without building them (see <see cref="StateName"/>).</summary>
        internal LazyPayload OutputPayload => detailsSource != null ? detailsSource.ReadOutput(this, detailsKey) : details?.OutputPayload ?? default;

        /// <summary>Whether Step Functions cut the recorded output short (<c>outputDetails.truncated</c>), without building the details.</summary>
        internal bool OutputTruncated
        {
            get
            {
                if (detailsSource != null)
                {
                    return detailsSource.OutputTruncated(this, detailsKey);
                }

                return details?.OtherMembers is { } others && others.TryGetValue("outputDetails", out var outputDetails)
                    && outputDetails.ValueKind == System.Text.Json.JsonValueKind.Object
                    && outputDetails.TryGetProperty("truncated", out var truncated) && truncated.ValueKind == System.Text.Json.JsonValueKind.True;
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
