using System;
using Amazon.Runtime;

namespace SfnResume.GoTo.Distributed
{
    /// <summary>
    /// S3 would not take the file of items to re-run: the resumed run's Map could not read it, so nothing is
    /// started. Carries where it was to go and S3's answer; the words about what to do are the cmdlet's.
    /// </summary>
    public sealed class ItemFileWriteException : Exception
    {
        public ItemFileWriteException(ItemFile file, AmazonServiceException answer)
            : base($"The file of the {file.Count:N0} items to re-run could not be written to {file.Uri}: S3 answered {answer.ErrorCode ?? ((int)answer.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)} ({answer.Message}). "
                + $"Writing it takes s3:PutObject on the bucket '{file.Bucket}' under '{PrefixOf(file.Key)}'; nothing was started.", answer)
        {
            Bucket = file.Bucket;
            Key = file.Key;
            Uri = file.Uri;
            ErrorCode = answer.ErrorCode;
        }

        public string Bucket { get; }

        public string Key { get; }

        /// <summary><c>s3://bucket/key</c>.</summary>
        public string Uri { get; }

        /// <summary>S3's error code (AccessDenied, NoSuchBucket...); null when it gave none.</summary>
        public string? ErrorCode { get; }

        /// <summary>The folder of the key (<c>sfnresume/items/</c>), where every item file of that prefix goes.</summary>
        private static string PrefixOf(string key) => key.Substring(0, key.LastIndexOf('/') + 1);
    }
}
