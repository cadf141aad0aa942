namespace SfnResume.Aws.Model
{
    /// <summary>The ListStateMachines request, as in the Step Functions API model.</summary>
    public sealed class ListStateMachinesRequest
    {
        public int? MaxResults { get; set; }

        public string? NextToken { get; set; }
    }
}
