using System.Management.Automation;
using System.Text.RegularExpressions;
using SfnResume.GoTo.Distributed;

namespace SfnResume.PowerShell.Internal
{
    /// <summary>
    /// -ItemBucket and -ItemPrefix: where a precise resume of a failed Distributed Map writes the file of items to
    /// re-run. The engine names no parameter (it says NoItemBucket); the words that lead to these are here.
    /// </summary>
    internal static class ItemLocations
    {
        /// <summary>S3's rule for a general purpose bucket's name: 3 to 63 lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit.</summary>
        private static readonly Regex BucketName = new Regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant);

        /// <summary>Said beside a NoItemBucket precision note.</summary>
        public const string NoBucketAdvice = "To run only the items that did not finish, pass -ItemBucket (and, if you like, -ItemPrefix) to name the S3 bucket SfnResume writes the file of items to re-run to; "
            + "you need s3:PutObject and s3:GetObject there, and the state machine's role s3:GetObject, since the resumed Map reads the file with it.";

        public static ItemFileLocation? Of(string? bucket, string? prefix) =>
            bucket == null && prefix == null ? null : new ItemFileLocation(bucket, prefix);

        /// <summary>The error for a bucket name S3 would refuse; null when it is fine or not given.</summary>
        public static ErrorRecord? Check(string? bucket, string? prefix)
        {
            if (bucket != null && !BucketName.IsMatch(bucket))
            {
                var url = bucket.StartsWith("s3://", System.StringComparison.OrdinalIgnoreCase);
                return ErrorRecords.Create("InvalidItemBucket", ErrorCategory.InvalidArgument, bucket,
                    $"-ItemBucket '{bucket}' is not an S3 bucket name.",
                    url
                        ? "Give the bucket's name alone (-ItemBucket my-bucket) and the key prefix with -ItemPrefix (-ItemPrefix resumes/items/)."
                        : "Give the name of a bucket: 3 to 63 lowercase letters, digits, dots and hyphens, e.g. -ItemBucket orders-resume.");
            }

            if (prefix != null && prefix.StartsWith("/", System.StringComparison.Ordinal))
            {
                return ErrorRecords.Create("InvalidItemPrefix", ErrorCategory.InvalidArgument, prefix,
                    $"-ItemPrefix '{prefix}' begins with '/': S3 keys have no leading slash, and this one would make a key under an empty folder name.",
                    $"Leave out the leading slash: -ItemPrefix '{prefix.TrimStart('/')}'.");
            }

            return null;
        }
    }
}
