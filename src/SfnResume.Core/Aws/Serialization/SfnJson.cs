using System.Text.Json;
using System.Text.Json.Serialization;

namespace SfnResume.Aws.Serialization
{
    /// <summary>The JSON settings of the Step Functions wire format: camelCase members, nulls left out, epoch-second timestamps.</summary>
    public static class SfnJson
    {
        internal static readonly EpochSecondsConverter Timestamps = new EpochSecondsConverter();

        public static JsonSerializerOptions Options { get; } = CreateOptions();

        private static JsonSerializerOptions CreateOptions()
        {
            var options = new JsonSerializerOptions
            {
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                PropertyNameCaseInsensitive = true,
                DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            };
            options.Converters.Add(Timestamps);
            return options;
        }
    }
}
