namespace SfnResume
{
    /// <summary>
    /// What Save-SfnExecutionHistory wrote: the file and how much it holds. <see cref="FullName"/> binds by name
    /// to Get-SfnFailurePoint's -LiteralPath, as a file from Get-ChildItem does.
    /// </summary>
    public sealed class SavedExecutionHistory
    {
        /// <summary>The file's full path.</summary>
        public string FullName { get; set; } = string.Empty;

        /// <summary>The file's name.</summary>
        public string Name => System.IO.Path.GetFileName(FullName);

        /// <summary>Events saved.</summary>
        public long Events { get; set; }

        /// <summary>The file's size in bytes.</summary>
        public long Length { get; set; }

        /// <summary>The execution whose history it is (named so, not ExecutionArn, so that piping the file binds its path, not the ARN).</summary>
        public string Execution { get; set; } = string.Empty;

        /// <summary>Whether inputs and outputs were saved (not with -ExcludeExecutionData): without them a resume has no input.</summary>
        public bool IncludesExecutionData { get; set; }

        public override string ToString() => FullName;
    }
}
