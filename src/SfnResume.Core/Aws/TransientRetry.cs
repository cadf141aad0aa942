using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace SfnResume.Aws
{
    /// <summary>
    /// Retries a call that failed for a passing reason (ThrottlingException, a 5xx answer, a dropped connection)
    /// with capped exponential backoff and full jitter, on top of the SDK's own retries. The SDK gives up early
    /// in bulk work: its standard mode spends a shared retry quota that a burst of throttling empties, after
    /// which every throttled call fails at once. Thirty attempts with waits capped at ten seconds keep a call
    /// going for a few minutes at most: throttling in an incident is expected, and giving up on it is not. A call
    /// that reaches no server at all is not throttling: it gets <see cref="UnreachableAttempts"/>.
    /// Only idempotent calls belong here: reads, RedriveExecution
    /// with a client token, StartExecution with a name, CreateStateMachine.
    /// </summary>
    public sealed class TransientRetry
    {
        /// <summary>
        /// Attempts for a call that could not connect at all (refused, no such host, no route): a wrong endpoint or
        /// region, not a busy service. One more try covers a blip; thirty would be minutes of silence before the
        /// error that says what to check.
        /// </summary>
        public const int UnreachableAttempts = 2;

        private readonly Random jitter = new Random();
        private readonly TimeProvider time;
        private int retries;

        /// <param name="time">The clock the backoff waits on; the system's when omitted.</param>
        public TransientRetry(int maxAttempts = 30, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, TimeProvider? time = null)
        {
            this.time = time ?? TimeProvider.System;
            if (maxAttempts < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxAttempts), "At least one attempt.");
            }

            MaxAttempts = maxAttempts;
            BaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(100);
            MaxDelay = maxDelay ?? TimeSpan.FromSeconds(10);
        }

        public int MaxAttempts { get; }

        public TimeSpan BaseDelay { get; }

        public TimeSpan MaxDelay { get; }

        /// <summary>How many calls were repeated so far, over all callers.</summary>
        public int Retries => Volatile.Read(ref retries);

        /// <summary>AWS refused the call for its rate: the caller's bucket (or the account's) is empty. Step Functions and CloudWatch Logs alike.</summary>
        public static bool IsThrottling(AmazonServiceException exception)
            => exception.ErrorCode == "ThrottlingException" || exception.ErrorCode == "RequestLimitExceeded"
                || exception.ErrorCode == "TooManyRequestsException" || exception.StatusCode == (HttpStatusCode)429;

        public static bool IsTransient(Exception exception, CancellationToken cancellationToken)
        {
            switch (exception)
            {
                case AmazonServiceException aws:
                    return IsThrottling(aws) || aws.ErrorCode == "KmsThrottlingException" || (int)aws.StatusCode >= 500;
                case System.Net.Http.HttpRequestException _:
                case WebException _:
                case System.IO.IOException _:
                case TimeoutException _:
                    return true;
                case OperationCanceledException _:
                    // A request timeout, not the caller's cancellation.
                    return !cancellationToken.IsCancellationRequested;
                default:
                    return false;
            }
        }

        /// <summary>Whether the call never reached a server: the connection was refused, the host is unknown, or there is no route to it.</summary>
        public static bool IsUnreachable(Exception exception)
        {
            for (var e = exception; e != null; e = e.InnerException)
            {
                if (e is System.Net.Sockets.SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case System.Net.Sockets.SocketError.ConnectionRefused:
                        case System.Net.Sockets.SocketError.HostNotFound:
                        case System.Net.Sockets.SocketError.NoData:
                        case System.Net.Sockets.SocketError.HostUnreachable:
                        case System.Net.Sockets.SocketError.NetworkUnreachable:
                            return true;
                    }
                }
            }

            return false;
        }

        public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await call(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (attempt < MaxAttempts && IsTransient(e, cancellationToken) && !(attempt >= UnreachableAttempts && IsUnreachable(e)))
                {
                    Interlocked.Increment(ref retries);
                    await time.Delay(DelayBefore(attempt), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        /// <summary>Full jitter: a random wait up to base × 2^(attempt-1), capped, so that many throttled callers spread out.</summary>
        private TimeSpan DelayBefore(int attempt)
        {
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
            double fraction;
            lock (jitter)
            {
                fraction = jitter.NextDouble();
            }

            return TimeSpan.FromMilliseconds(ceiling * fraction);
        }
    }
}
