using System.Runtime.CompilerServices;

namespace SfnResume
{
    /// <summary>
    /// Marks the code that runs once per event of a long history (the saved-history scan, building details,
    /// the history window) to be compiled optimized at its first call. A user runs one analysis in a fresh
    /// process, where the runtime's tiering would run most of it in unoptimized code; the JSON reader it calls
    /// is precompiled in the framework, so the parse it is measured against is not slowed that way.
    /// <c>AggressiveOptimization</c> is missing from netstandard2.0's enum; .NET Framework ignores the flag.
    /// </summary>
    internal static class HotPath
    {
        public const MethodImplOptions Optimized = (MethodImplOptions)512;
    }
}
