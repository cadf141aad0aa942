using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using SfnResume.Aws.Pacing;
using SfnResume.Aws.Serialization;

namespace SfnResume.Aws.Transport
{
    /// <summary>
    /// One call of a typed client: the request serialized, the API's token taken from the account's pacer first,
    /// a throttled answer told to the pacer (so the account's other callers slow down too), the answer read back.
    /// </summary>
    internal static class PacedJsonCall
    {
        /// <param name="send">Sends the serialized body through the service's SDK pipeline; returns the answer's body.</param>
        public static async Task<TResponse> SendAsync<TRequest, TResponse>(string operation, TRequest request, RequestPacer? pacer, Func<string, byte[], CancellationToken, Task<byte[]>> send, CancellationToken cancellationToken)
            where TResponse : new()
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var body = JsonSerializer.SerializeToUtf8Bytes(request, SfnJson.Options);
            byte[] responseBody;
            if (pacer == null)
            {
                responseBody = await send(operation, body, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await pacer.WaitAsync(operation, cancellationToken).ConfigureAwait(false);
                try
                {
                    responseBody = await send(operation, body, cancellationToken).ConfigureAwait(false);
                }
                catch (AmazonServiceException e) when (TransientRetry.IsThrottling(e))
                {
                    pacer.Throttled(operation);
                    throw;
                }
            }

            return responseBody.Length == 0 ? new TResponse() : JsonSerializer.Deserialize<TResponse>(responseBody, SfnJson.Options) ?? new TResponse();
        }
    }
}
