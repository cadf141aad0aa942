using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// An endpoint on 127.0.0.1 whose connection breaks in the middle of every answer: the status line and headers
    /// promise a body, part of it comes, and the socket closes. The client meets an IOException while it reads a
    /// response, as when a proxy or a NAT gateway drops a connection: the network, not a file.
    /// </summary>
    public sealed class CutConnectionEndpoint : IDisposable
    {
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private readonly Task loop;
        private int answers;

        public CutConnectionEndpoint()
        {
            listener.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";
            loop = Task.Run(AcceptLoop);
        }

        public string Url { get; }

        /// <summary>How many answers were cut.</summary>
        public int Answers => Volatile.Read(ref answers);

        public void Dispose()
        {
            stopping.Cancel();
            listener.Stop();
            try
            {
                loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // The accept loop ends with an exception when the listener stops under it.
            }
        }

        private async Task AcceptLoop()
        {
            while (!stopping.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(() => Cut(client));
            }
        }

        private async Task Cut(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                var buffer = new byte[64 * 1024];
                var request = new StringBuilder();

                // The headers, then the body they announce: answering before the request is read would reset it.
                int headerEnd;
                while ((headerEnd = request.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) < 0)
                {
                    var read = await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                var headers = request.ToString(0, headerEnd);
                var length = 0;
                foreach (var line in headers.Split("\r\n"))
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        length = int.Parse(line.Substring("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    }
                }

                var body = request.Length - headerEnd - 4;
                while (body < length)
                {
                    var read = await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    body += read;
                }

                var answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nx-amzn-RequestId: cut\r\nContent-Length: 4096\r\n\r\n{\"events\":[{\"id\":1,");
                await stream.WriteAsync(answer, 0, answer.Length).ConfigureAwait(false);
                await stream.FlushAsync().ConfigureAwait(false);
                Interlocked.Increment(ref answers);
            }
        }
    }
}
