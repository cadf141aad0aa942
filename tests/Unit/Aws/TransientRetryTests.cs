using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using Xunit;

namespace SfnResume.Tests.Aws
{
    /// <summary>
    /// What the retry repeats: a passing failure (a dropped connection, a 5xx, throttling) up to its attempts; a
    /// call that reaches no server at all (a wrong endpoint, nothing listening) only once more, so the error that
    /// says what to check comes in a moment, not after minutes of silence.
    /// </summary>
    public sealed class TransientRetryTests
    {
        private static readonly TransientRetry Retry = new TransientRetry(maxAttempts: 6, baseDelay: TimeSpan.Zero, maxDelay: TimeSpan.Zero);

        /// <summary>A port on this machine with nothing listening: bound, then let go.</summary>
        private static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        [Fact]
        public async Task A_refused_connection_is_tried_twice_then_its_error_is_the_callers()
        {
            using var http = new HttpClient();
            var url = $"http://127.0.0.1:{ClosedPort()}/";
            var attempts = 0;

            var error = await Assert.ThrowsAsync<HttpRequestException>(() => Retry.RunAsync(ct =>
            {
                attempts++;
                return http.GetAsync(url, ct);
            }, CancellationToken.None));

            Assert.True(TransientRetry.IsUnreachable(error), error.ToString());
            Assert.Equal(TransientRetry.UnreachableAttempts, attempts);
        }

        [Fact]
        public async Task An_unknown_host_is_tried_twice_too()
        {
            var attempts = 0;

            await Assert.ThrowsAsync<HttpRequestException>(() => Retry.RunAsync<int>(_ =>
            {
                attempts++;
                throw new HttpRequestException("No such host is known.", new SocketException((int)SocketError.HostNotFound));
            }, CancellationToken.None));

            Assert.Equal(2, attempts);
        }

        [Fact]
        public async Task A_dropped_connection_is_a_passing_failure_and_gets_every_attempt()
        {
            var attempts = 0;

            var answer = await Retry.RunAsync(_ =>
            {
                attempts++;
                return attempts < 6 ? throw new HttpRequestException("The response ended prematurely.", new System.IO.IOException("reset")) : Task.FromResult(42);
            }, CancellationToken.None);

            Assert.Equal((42, 6), (answer, attempts));
        }
    }
}
