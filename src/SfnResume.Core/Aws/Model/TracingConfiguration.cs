namespace SfnResume.Aws.Model
{
    /// <summary>The TracingConfiguration response, as in the Step Functions API model.</summary>
    public sealed class TracingConfiguration
    {
        public bool? Enabled { get; set; }
    }
}
