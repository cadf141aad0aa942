using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// A hand-written HTTP endpoint on 127.0.0.1 for what no emulator produces: throttling, 500s, paging edge
    /// cases. It records every request and answers through a handler the test supplies.
    /// </summary>
    public sealed class LoopbackEndpoint : IDisposable
    {
        private readonly HttpListener listener = new HttpListener();
        private readonly Func<RecordedRequest, LoopbackResponse> handler;
        private readonly ConcurrentQueue<RecordedRequest> requests = new ConcurrentQueue<RecordedRequest>();
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private readonly Task loop;
        private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

        public LoopbackEndpoint(Func<RecordedRequest, LoopbackResponse> handler, TimeSpan? latency = null)
        {
            this.handler = handler;
            Latency = latency ?? TimeSpan.Zero;
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}/";
            listener.Prefixes.Add(Url);
            listener.Start();
            loop = Task.Run(AcceptLoop);
        }

        public string Url { get; }

        public TimeSpan Latency { get; }

        public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

        public int Count(string operation) => requests.Count(r => r.Operation == operation);

        public void Dispose()
        {
            stopping.Cancel();
            listener.Close();
            try
            {
                loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // The accept loop ends with an exception when the listener closes under it.
            }
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private async Task AcceptLoop()
        {
            while (!stopping.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(() => Serve(context));
            }
        }

        private async Task Serve(HttpListenerContext context)
        {
            try
            {
                string body;
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    body = await reader.ReadToEndAsync().ConfigureAwait(false);
                }

                var headers = context.Request.Headers.AllKeys
                    .Where(k => k != null)
                    .ToDictionary(k => k!, k => context.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
                var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? "/", headers, body, clock.Elapsed);
                requests.Enqueue(request);

                if (Latency > TimeSpan.Zero)
                {
                    await Task.Delay(Latency).ConfigureAwait(false);
                }

                LoopbackResponse response;
                try
                {
                    response = handler(request);
                }
                catch (Exception e)
                {
                    response = new LoopbackResponse(599, "handler failed: " + e.Message);
                }

                var bytes = Encoding.UTF8.GetBytes(response.Body);
                context.Response.StatusCode = response.StatusCode;
                context.Response.ContentType = response.ContentType;
                context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
                context.Response.Close();
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                // Shutting down mid-response.
            }
            catch (HttpListenerException)
            {
                // The client went away (a cancelled request): nothing to answer.
            }
        }
    }
}
