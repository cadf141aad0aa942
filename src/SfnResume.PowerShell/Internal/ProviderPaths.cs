using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;

namespace SfnResume.PowerShell.Internal
{
    /// <summary>
    /// Paths as PowerShell means them (relative to the current location, ~, PSDrives, wildcards for -Path),
    /// turned into file system paths for the engine.
    /// </summary>
    internal static class ProviderPaths
    {
        /// <summary>The file <paramref name="path"/> names, taken literally, if it is an existing file; else null.</summary>
        public static string? ExistingFile(SessionState sessionState, string path) => Resolve(sessionState, path) is string resolved && File.Exists(resolved) ? resolved : null;

        /// <summary>The folder <paramref name="path"/> names, taken literally, if it is an existing folder; else null.</summary>
        public static string? ExistingFolder(SessionState sessionState, string path) => Resolve(sessionState, path) is string resolved && Directory.Exists(resolved) ? resolved : null;

        /// <summary>The file system path for <paramref name="path"/>, or null when PowerShell cannot make one of it.</summary>
        private static string? Resolve(SessionState sessionState, string path)
        {
            try
            {
                return sessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is ItemNotFoundException || e is ProviderNotFoundException || e is System.Management.Automation.DriveNotFoundException)
            {
                return null;
            }
        }

        /// <summary>The files (or folders) each of <paramref name="paths"/> names: wildcards expanded, or taken literally.</summary>
        /// <exception cref="ItemNotFoundException">A path names nothing; its message says which.</exception>
        public static List<string> Files(SessionState sessionState, IEnumerable<string> paths, bool literal)
        {
            var files = new List<string>();
            foreach (var path in paths)
            {
                if (literal)
                {
                    // A folder is returned as it is, for the caller to say so: "not found" would mislead.
                    files.Add(ExistingFile(sessionState, path) ?? ExistingFolder(sessionState, path)
                        ?? throw new ItemNotFoundException($"Cannot find the file '{path}'.") { Data = { ["Path"] = path } });
                }
                else
                {
                    try
                    {
                        files.AddRange(sessionState.Path.GetResolvedProviderPathFromPSPath(path, out _));
                    }
                    catch (ItemNotFoundException e)
                    {
                        e.Data["Path"] = path;
                        throw;
                    }
                }
            }

            return files;
        }
    }
}
