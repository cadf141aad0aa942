using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3;
using Amazon.S3.Model;

namespace SfnResume.GoTo.Distributed
{
    /// <summary>
    /// Reads a Distributed Map's JSON item file from S3, and writes the file of items to re-run, through
    /// AWSSDK.S3 (see <see cref="Aws.S3Clients"/> for the connection). Writing is a change on AWS: the caller
    /// asks ShouldProcess first. It is idempotent: the key holds a hash of the content, so a rerun finds the
    /// object there and writes nothing.
    /// </summary>
    public sealed class ItemFileStore
    {
        private readonly IAmazonS3 s3;

        public ItemFileStore(IAmazonS3 s3)
        {
            this.s3 = s3;
        }

        /// <summary>The items of a JSON array in S3 (ItemReader InputType JSON), each as JSON text, in order.</summary>
        /// <exception cref="AmazonS3Exception">S3 refused (NoSuchKey, AccessDenied...).</exception>
        /// <exception cref="JsonException">The object is not a JSON array.</exception>
        public async Task<IReadOnlyList<string>> ReadItemsAsync(string bucket, string key, CancellationToken cancellationToken = default)
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(response.ResponseStream, default, cancellationToken).ConfigureAwait(false);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new JsonException($"s3://{bucket}/{key} holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not the array of items a JSON ItemReader reads.");
            }

            return document.RootElement.EnumerateArray().Select(item => item.GetRawText()).ToList();
        }

        /// <summary>Writes <paramref name="file"/> unless an object is already under its key.</summary>
        /// <exception cref="ItemFileWriteException">S3 refused the write (AccessDenied, NoSuchBucket...).</exception>
        public async Task<ItemFileWrite> WriteAsync(ItemFile file, CancellationToken cancellationToken = default)
        {
            if (await ExistsAsync(file, cancellationToken).ConfigureAwait(false))
            {
                return ItemFileWrite.AlreadyThere;
            }

            var request = new PutObjectRequest
            {
                BucketName = file.Bucket,
                Key = file.Key,
                ContentType = "application/json",
                InputStream = new MemoryStream(Encoding.UTF8.GetBytes(file.Content)),
                // One request with the checksum in a header: the file is written whole, never streamed in chunks.
                UseChunkEncoding = false,
            };
            try
            {
                await s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception e) when (e.StatusCode != HttpStatusCode.ServiceUnavailable && e.StatusCode != HttpStatusCode.InternalServerError)
            {
                // Answered, and not a fault the SDK's retries were for: the resume cannot go on without the file.
                throw new ItemFileWriteException(file, e);
            }

            return ItemFileWrite.Written;
        }

        private async Task<bool> ExistsAsync(ItemFile file, CancellationToken cancellationToken)
        {
            try
            {
                await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = file.Bucket, Key = file.Key }, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound || e.StatusCode == HttpStatusCode.Forbidden)
            {
                // S3 answers 403, not 404, for a missing key to a caller without s3:ListBucket (and to one without
                // s3:GetObject there): not known to be there, so it is written; the key is a hash of the
                // content, so writing it again writes the same bytes.
                return false;
            }
        }
    }
}
