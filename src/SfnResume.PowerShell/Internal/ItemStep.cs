namespace SfnResume.PowerShell.Internal
{
    /// <summary>What a cmdlet is doing for an item: the same IOException means a different thing in each.</summary>
    internal enum ItemStep
    {
        /// <summary>Working in memory: no file and no network, so an I/O error here is a bug.</summary>
        Computing,

        /// <summary>Talking to Step Functions: an I/O error is the network.</summary>
        CallingAws,

        /// <summary>Reading a file the user named.</summary>
        ReadingFile,

        /// <summary>Writing a file the user named.</summary>
        WritingFile,
    }
}
