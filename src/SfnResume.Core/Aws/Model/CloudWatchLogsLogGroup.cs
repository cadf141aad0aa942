namespace SfnResume.Aws.Model
{
    /// <summary>The CloudWatchLogsLogGroup response, as in the Step Functions API model.</summary>
    public sealed class CloudWatchLogsLogGroup
    {
        /// <summary>Ends in :*.</summary>
        public string? LogGroupArn { get; set; }
    }
}
