using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws.Model;

namespace SfnResume.History
{
    /// <summary>
    /// The pages of one execution's history, newest first, read one at a time and only when asked for; every
    /// page read is kept, so a second analysis of the same history (without the definition, say) reads none
    /// again.
    /// </summary>
    internal sealed class HistoryPages
    {
        private readonly List<IReadOnlyList<HistoryEvent>> read = new List<IReadOnlyList<HistoryEvent>>();
        private readonly Func<GetExecutionHistoryRequest, CancellationToken, Task<GetExecutionHistoryResponse>> readPage;
        private readonly string executionArn;
        private string? nextToken;
        private bool ended;

        /// <param name="readPage">One GetExecutionHistory call, with whatever retries and limits the caller puts around it.</param>
        public HistoryPages(string executionArn, Func<GetExecutionHistoryRequest, CancellationToken, Task<GetExecutionHistoryResponse>> readPage)
        {
            this.executionArn = executionArn;
            this.readPage = readPage;
        }

        /// <summary>Whether pages remain that were not read.</summary>
        public bool HasMore => !ended;

        /// <summary>Reads the next page; false when the history had no more.</summary>
        public async Task<bool> ReadNextAsync(CancellationToken cancellationToken)
        {
            if (ended)
            {
                return false;
            }

            // A new request each page: a retried call must not see a token a later page set.
            var request = new GetExecutionHistoryRequest
            {
                ExecutionArn = executionArn,
                ReverseOrder = true,
                MaxResults = Aws.StepFunctionsPaging.MaxHistoryPageSize,
                IncludeExecutionData = true,
                NextToken = nextToken,
            };
            var page = await readPage(request, cancellationToken).ConfigureAwait(false);
            read.Add(page.Events);
            nextToken = page.NextToken;
            ended = string.IsNullOrEmpty(nextToken);
            return true;
        }

        /// <summary>
        /// The events read so far; past them, when the history has more, <see cref="MorePagesNeededException"/>:
        /// an analysis that gets its answer from these pages never waits for a page.
        /// </summary>
        public IEnumerable<HistoryEvent> ReadSoFar()
        {
            foreach (var page in read)
            {
                foreach (var e in page)
                {
                    yield return e;
                }
            }

            if (!ended)
            {
                throw new MorePagesNeededException();
            }
        }

        /// <summary>
        /// Every event, reading the pages not read yet as the analysis gets to them. Waits for each such page on
        /// the calling thread: only for a thread of its own (see <see cref="FailurePointLocator"/>), never a
        /// pool thread, which the page's own completion may need.
        /// </summary>
        public IEnumerable<HistoryEvent> All(CancellationToken cancellationToken)
        {
            for (var index = 0; ; index++)
            {
                if (index == read.Count && !ReadNextAsync(cancellationToken).GetAwaiter().GetResult())
                {
                    yield break;
                }

                foreach (var e in read[index])
                {
                    yield return e;
                }
            }
        }
    }
}
