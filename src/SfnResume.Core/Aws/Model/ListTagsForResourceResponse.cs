using System.Collections.Generic;

namespace SfnResume.Aws.Model
{
    /// <summary>The ListTagsForResource response, as in the Step Functions API model.</summary>
    public sealed class ListTagsForResourceResponse
    {
        public List<Tag> Tags { get; set; } = new List<Tag>();
    }
}
