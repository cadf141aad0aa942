using System.Collections.Generic;

namespace SfnResume.Aws.Model
{
    /// <summary>The LoggingConfiguration response, as in the Step Functions API model.</summary>
    public sealed class LoggingConfiguration
    {
        /// <summary>ALL, ERROR, FATAL or OFF.</summary>
        public string? Level { get; set; }

        public bool? IncludeExecutionData { get; set; }

        public List<LogDestination>? Destinations { get; set; }
    }
}
