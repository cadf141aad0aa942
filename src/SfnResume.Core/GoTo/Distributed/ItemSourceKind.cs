namespace SfnResume.GoTo.Distributed
{
    /// <summary>Where a Distributed Map's items come from.</summary>
    public enum ItemSourceKind
    {
        /// <summary>An array in the Map's input (ItemsPath, or the whole input).</summary>
        Input,

        /// <summary>A JSON array in an S3 object (ItemReader s3:getObject, InputType JSON).</summary>
        S3Json,

        /// <summary>Rows of a CSV file in S3 (InputType CSV).</summary>
        S3Csv,

        /// <summary>The objects an S3 inventory manifest lists (InputType MANIFEST).</summary>
        S3Manifest,

        /// <summary>The objects under a prefix (ItemReader s3:listObjectsV2).</summary>
        S3ObjectList,

        /// <summary>Another ItemReader (JSONL, a Parquet file, ...), or one SfnResume cannot tell.</summary>
        Other,
    }
}
