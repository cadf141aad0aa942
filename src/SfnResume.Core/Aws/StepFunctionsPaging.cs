using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws.Model;

namespace SfnResume.Aws
{
    /// <summary>
    /// Streams the pages of the paginated operations. A page is yielded as soon as it arrives, so a caller
    /// that has its answer can stop early and no further request is made; cancellation stops between and
    /// during requests.
    /// </summary>
    public static class StepFunctionsPaging
    {
        /// <summary>The largest page GetExecutionHistory serves (maxResults 0-1000).</summary>
        public const int MaxHistoryPageSize = 1000;

        public static IAsyncEnumerable<GetExecutionHistoryResponse> GetExecutionHistoryPagesAsync(
            this IStepFunctionsClient client,
            GetExecutionHistoryRequest request,
            CancellationToken cancellationToken = default)
        {
            // The API wants every argument but nextToken unchanged between pages, so one request object is reused.
            var page = new GetExecutionHistoryRequest
            {
                ExecutionArn = request.ExecutionArn,
                MaxResults = request.MaxResults,
                ReverseOrder = request.ReverseOrder,
                IncludeExecutionData = request.IncludeExecutionData,
            };
            return Pages(request.NextToken, token => { page.NextToken = token; return client.GetExecutionHistoryAsync(page, cancellationToken); }, r => r.NextToken, cancellationToken);
        }

        /// <param name="retry">Repeats a page request that failed for a passing reason; null leaves retries to the SDK.</param>
        public static IAsyncEnumerable<ListExecutionsResponse> ListExecutionsPagesAsync(
            this IStepFunctionsClient client,
            ListExecutionsRequest request,
            CancellationToken cancellationToken = default,
            TransientRetry? retry = null)
        {
            var page = new ListExecutionsRequest
            {
                StateMachineArn = request.StateMachineArn,
                MapRunArn = request.MapRunArn,
                StatusFilter = request.StatusFilter,
                MaxResults = request.MaxResults,
                RedriveFilter = request.RedriveFilter,
            };
            return Pages(request.NextToken, token => { page.NextToken = token; return Call(retry, ct => client.ListExecutionsAsync(page, ct), cancellationToken); }, r => r.NextToken, cancellationToken);
        }

        /// <param name="retry">Repeats a page request that failed for a passing reason; null leaves retries to the SDK.</param>
        public static IAsyncEnumerable<ListStateMachinesResponse> ListStateMachinesPagesAsync(
            this IStepFunctionsClient client,
            ListStateMachinesRequest request,
            CancellationToken cancellationToken = default,
            TransientRetry? retry = null)
        {
            var page = new ListStateMachinesRequest { MaxResults = request.MaxResults };
            return Pages(request.NextToken, token => { page.NextToken = token; return Call(retry, ct => client.ListStateMachinesAsync(page, ct), cancellationToken); }, r => r.NextToken, cancellationToken);
        }

        /// <summary>One page request, repeated by <paramref name="retry"/> when it fails for a passing reason (reads are idempotent).</summary>
        private static Task<TResponse> Call<TResponse>(TransientRetry? retry, Func<CancellationToken, Task<TResponse>> call, CancellationToken cancellationToken)
            => retry == null ? call(cancellationToken) : retry.RunAsync(call, cancellationToken);

        /// <summary>Requests pages until one comes back without a nextToken.</summary>
        private static async IAsyncEnumerable<TResponse> Pages<TResponse>(
            string? firstToken,
            Func<string?, Task<TResponse>> fetch,
            Func<TResponse, string?> nextToken,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var token = firstToken;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                var response = await fetch(token).ConfigureAwait(false);
                yield return response;
                token = nextToken(response);
            }
            while (!string.IsNullOrEmpty(token));
        }
    }
}
