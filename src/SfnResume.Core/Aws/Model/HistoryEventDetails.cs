using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SfnResume.Aws.Model
{
    /// <summary>
    /// The union of the members the <c>*EventDetails</c> shapes carry. Payloads (<see cref="Input"/>,
    /// <see cref="Output"/>, <see cref="Parameters"/>, the values of <see cref="AssignedVariables"/>) are strings
    /// that contain JSON, exactly as the API sends them. Members this type does not name are kept in
    /// <see cref="OtherMembers"/> so that writing an event back loses nothing. Read from a saved file, the
    /// payloads stay bytes of the file until first read.
    /// </summary>
    public sealed class HistoryEventDetails
    {
        private LazyPayload input;
        private LazyPayload output;
        private LazyPayload cause;
        private LazyPayload parameters;

        // Read from a saved file, the members this type does not name are built when first asked for: an analysis
        // that reads thousands of events' names rarely needs their inputDetails or region.
        private Dictionary<string, JsonElement>? otherMembers;
        private IEventBytes? otherMembersSource;
        private int otherMembersKey;

        /// <summary>State name (state entered/exited) or Map state name (map iteration events).</summary>
        public string? Name { get; set; }

        public string? Input
        {
            get => input.Resolve();
            set => input = new LazyPayload(value);
        }

        public string? Output
        {
            get => output.Resolve();
            set => output = new LazyPayload(value);
        }

        public string? Error { get; set; }

        public string? Cause
        {
            get => cause.Resolve();
            set => cause = new LazyPayload(value);
        }

        public string? Resource { get; set; }

        public string? ResourceType { get; set; }

        public string? Parameters
        {
            get => parameters.Resolve();
            set => parameters = new LazyPayload(value);
        }

        /// <summary>The state named by an <c>EvaluationFailed</c> event.</summary>
        public string? State { get; set; }

        /// <summary>Where in the state an <c>EvaluationFailed</c> happened, e.g. <c>Output/result</c>.</summary>
        public string? Location { get; set; }

        /// <summary>Map iteration index.</summary>
        public int? Index { get; set; }

        /// <summary>Number of items a Map state started with.</summary>
        public int? Length { get; set; }

        public string? MapRunArn { get; set; }

        public int? RedriveCount { get; set; }

        /// <summary>Variable name to its value as a JSON string, from a state's <c>Assign</c>.</summary>
        public Dictionary<string, string>? AssignedVariables { get; set; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? OtherMembers
        {
            get
            {
                if (otherMembersSource != null)
                {
                    otherMembers = otherMembersSource.ReadOtherMembers(otherMembersKey);
                    otherMembersSource = null;
                }

                return otherMembers;
            }

            set
            {
                otherMembers = value;
                otherMembersSource = null;
            }
        }

        // Payloads of a saved history, set still undecoded (see LazyPayload).
        internal void SetInput(LazyPayload payload) => input = payload;

        internal void SetOutput(LazyPayload payload) => output = payload;

        /// <summary>The output as it is held, decoded or not (see <see cref="LazyPayload.Detach"/>).</summary>
        internal LazyPayload OutputPayload => output;

        internal void SetCause(LazyPayload payload) => cause = payload;

        internal void SetParameters(LazyPayload payload) => parameters = payload;

        /// <summary>Leaves <see cref="OtherMembers"/> in <paramref name="source"/>, which knows these details by <paramref name="key"/>, until first asked for.</summary>
        internal void DeferOtherMembers(IEventBytes source, int key)
        {
            otherMembers = null;
            otherMembersSource = source;
            otherMembersKey = key;
        }
    }
}
