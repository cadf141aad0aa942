namespace SfnResume.Aws.Model
{
    /// <summary>The ListTagsForResource request, as in the Step Functions API model.</summary>
    public sealed class ListTagsForResourceRequest
    {
        public string ResourceArn { get; set; } = string.Empty;
    }
}
