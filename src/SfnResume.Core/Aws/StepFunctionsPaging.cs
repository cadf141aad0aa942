using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
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

        public static async IAsyncEnumerable<GetExecutionHistoryResponse> GetExecutionHistoryPagesAsync(
            this IStepFunctionsClient client,
            GetExecutionHistoryRequest request,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            // The API wants every argument but nextToken unchanged between pages, so one request object is reused.
            var page = new GetExecutionHistoryRequest
            {
                ExecutionArn = request.ExecutionArn,
                MaxResults = request.MaxResults,
                ReverseOrder = request.ReverseOrder,
                IncludeExecutionData = request.IncludeExecutionData,
                NextToken = request.NextToken,
            };
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                var response = await client.GetExecutionHistoryAsync(page, cancellationToken).ConfigureAwait(false);
                yield return response;
                page.NextToken = response.NextToken;
            }
            while (!string.IsNullOrEmpty(page.NextToken));
        }

        public static async IAsyncEnumerable<ListExecutionsResponse> ListExecutionsPagesAsync(
            this IStepFunctionsClient client,
            ListExecutionsRequest request,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var page = new ListExecutionsRequest
            {
                StateMachineArn = request.StateMachineArn,
                MapRunArn = request.MapRunArn,
                StatusFilter = request.StatusFilter,
                MaxResults = request.MaxResults,
                RedriveFilter = request.RedriveFilter,
                NextToken = request.NextToken,
            };
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                var response = await client.ListExecutionsAsync(page, cancellationToken).ConfigureAwait(false);
                yield return response;
                page.NextToken = response.NextToken;
            }
            while (!string.IsNullOrEmpty(page.NextToken));
        }

        public static async IAsyncEnumerable<ListStateMachinesResponse> ListStateMachinesPagesAsync(
            this IStepFunctionsClient client,
            ListStateMachinesRequest request,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var page = new ListStateMachinesRequest { MaxResults = request.MaxResults, NextToken = request.NextToken };
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                var response = await client.ListStateMachinesAsync(page, cancellationToken).ConfigureAwait(false);
                yield return response;
                page.NextToken = response.NextToken;
            }
            while (!string.IsNullOrEmpty(page.NextToken));
        }
    }
}
