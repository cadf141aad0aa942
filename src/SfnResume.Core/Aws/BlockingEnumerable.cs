using System.Collections.Generic;
using System.Threading;

namespace SfnResume.Aws
{
    /// <summary>
    /// Walks an async sequence on the calling thread, one item at a time. PowerShell accepts output and
    /// progress only from the pipeline thread, so cmdlets consume pages this way and write between pages.
    /// </summary>
    public static class BlockingEnumerable
    {
        /// <exception cref="System.OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
        public static IEnumerable<T> Of<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken)
        {
            var enumerator = source.GetAsyncEnumerator(cancellationToken);
            try
            {
                while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    yield return enumerator.Current;
                }
            }
            finally
            {
                enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }
}
