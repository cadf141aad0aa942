using System.Text;

namespace SfnResume.GoTo.Distributed
{
    /// <summary>
    /// The file of items a Distributed Map's twin runs: a JSON array of <c>{"index", "item", "replay"}</c>, one
    /// per item that did not finish, in item order. Its key holds a hash of its content, so the same resume
    /// writes the same object under the same key however often it is run.
    /// </summary>
    public sealed class ItemFile
    {
        public ItemFile(string bucket, string key, string content, int count)
        {
            Bucket = bucket;
            Key = key;
            Content = content;
            Count = count;
        }

        public string Bucket { get; }

        public string Key { get; }

        /// <summary>The JSON array, as written.</summary>
        public string Content { get; }

        /// <summary>How many entries: the child executions the resumed Map Run starts.</summary>
        public int Count { get; }

        public long ByteCount => Encoding.UTF8.GetByteCount(Content);

        public string Uri => $"s3://{Bucket}/{Key}";
    }
}
