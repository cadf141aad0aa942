namespace SfnResume.Aws.Model
{
    /// <summary>A resource tag: key 1-128 characters, value 0-256.</summary>
    public sealed class Tag
    {
        public string Key { get; set; } = string.Empty;

        public string Value { get; set; } = string.Empty;
    }
}
