using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using SfnResume.Aws.Logs.Model;
using SfnResume.Aws.Pacing;
using SfnResume.Aws.Transport;

namespace SfnResume.Aws.Logs
{
    /// <summary>
    /// A small CloudWatch Logs client on AWSSDK.Core, as <see cref="StepFunctionsClient"/> is for Step Functions:
    /// typed requests in, typed responses out, the SDK doing credentials, endpoint, SigV4 signing (name <c>logs</c>)
    /// and retries. Create one with <see cref="AwsConnection.CreateLogsClient()"/>. Every call waits for its API's
    /// token from the account's pacer first: FilterLogEvents has 5 a second per account and region, not raisable.
    /// </summary>
    public sealed class CloudWatchLogsClient : ICloudWatchLogsClient, IDisposable
    {
        private readonly CloudWatchLogsServiceClient serviceClient;
        private readonly RequestPacer? pacer;

        internal CloudWatchLogsClient(AWSCredentials? credentials, CloudWatchLogsClientConfig config, RequestPacer? pacer)
        {
            serviceClient = new CloudWatchLogsServiceClient(credentials, config);
            this.pacer = pacer;
        }

        /// <inheritdoc />
        public Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken = default)
            => SendAsync<FilterLogEventsRequest, FilterLogEventsResponse>("FilterLogEvents", request, cancellationToken);

        /// <inheritdoc />
        public Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken = default)
            => SendAsync<DescribeLogGroupsRequest, DescribeLogGroupsResponse>("DescribeLogGroups", request, cancellationToken);

        /// <inheritdoc />
        public Task<StartQueryResponse> StartQueryAsync(StartQueryRequest request, CancellationToken cancellationToken = default)
            => SendAsync<StartQueryRequest, StartQueryResponse>("StartQuery", request, cancellationToken);

        /// <inheritdoc />
        public Task<GetQueryResultsResponse> GetQueryResultsAsync(GetQueryResultsRequest request, CancellationToken cancellationToken = default)
            => SendAsync<GetQueryResultsRequest, GetQueryResultsResponse>("GetQueryResults", request, cancellationToken);

        public void Dispose()
        {
            serviceClient.Dispose();
        }

        private Task<TResponse> SendAsync<TRequest, TResponse>(string operation, TRequest request, CancellationToken cancellationToken)
            where TResponse : new()
            => PacedJsonCall.SendAsync<TRequest, TResponse>(operation, request, pacer, serviceClient.SendAsync, cancellationToken);
    }
}
