namespace SfnResume.GoTo.Distributed
{
    /// <summary>Where the operator wants the file of items to re-run written: a bucket, and a key prefix in it.</summary>
    public sealed class ItemFileLocation
    {
        public const string DefaultPrefix = "sfnresume/items/";

        public ItemFileLocation(string? bucket, string? prefix = null)
        {
            Bucket = bucket;
            Prefix = prefix ?? DefaultPrefix;
        }

        /// <summary>Null: the bucket the Map's ItemReader names.</summary>
        public string? Bucket { get; }

        public string Prefix { get; }
    }
}
