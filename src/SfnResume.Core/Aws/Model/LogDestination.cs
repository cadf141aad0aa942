namespace SfnResume.Aws.Model
{
    /// <summary>The LogDestination response, as in the Step Functions API model.</summary>
    public sealed class LogDestination
    {
        public CloudWatchLogsLogGroup? CloudWatchLogsLogGroup { get; set; }
    }
}
