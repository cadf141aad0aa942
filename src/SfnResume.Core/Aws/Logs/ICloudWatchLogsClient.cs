using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws.Logs.Model;

namespace SfnResume.Aws.Logs
{
    /// <summary>
    /// The CloudWatch Logs operations SfnResume uses to read Express executions. Every call may throw
    /// <see cref="CloudWatchLogsException"/> (an AWS error, after the SDK's retries) or <see cref="System.OperationCanceledException"/>.
    /// </summary>
    public interface ICloudWatchLogsClient
    {
        /// <summary>One page of a log group's events that match a filter pattern, in a time range.</summary>
        Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken = default);

        /// <summary>One page of log groups, e.g. the one group whose name is given as the prefix.</summary>
        Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken = default);

        /// <summary>Starts a Logs Insights query.</summary>
        Task<StartQueryResponse> StartQueryAsync(StartQueryRequest request, CancellationToken cancellationToken = default);

        /// <summary>A Logs Insights query's status and, once complete, its rows.</summary>
        Task<GetQueryResultsResponse> GetQueryResultsAsync(GetQueryResultsRequest request, CancellationToken cancellationToken = default);
    }
}
