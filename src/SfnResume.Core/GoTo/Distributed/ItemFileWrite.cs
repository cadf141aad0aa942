namespace SfnResume.GoTo.Distributed
{
    /// <summary>What writing the item file did.</summary>
    public enum ItemFileWrite
    {
        /// <summary>The object was written.</summary>
        Written,

        /// <summary>An object was already under the key, which holds a hash of the content: a rerun of the same resume. Nothing was written.</summary>
        AlreadyThere,
    }
}
