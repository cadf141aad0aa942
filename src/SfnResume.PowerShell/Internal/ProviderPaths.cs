using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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

        /// <summary>Whether PowerShell reads <paramref name="path"/> as a pattern (*, ?, [...]) where wildcards are allowed.</summary>
        public static bool IsPattern(string path) => WildcardPattern.ContainsWildcardCharacters(path);

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

        /// <summary>
        /// The files (or folders) each of <paramref name="paths"/> names, in order: wildcards expanded, or taken
        /// literally. A path that names nothing, or a pattern that matches nothing, is one error passed to
        /// <paramref name="notFound"/> (as Get-Content says it), and the other paths go on.
        /// </summary>
        public static IEnumerable<string> Files(SessionState sessionState, IEnumerable<string> paths, bool literal, Action<ErrorRecord> notFound)
        {
            foreach (var path in paths)
            {
                if (literal)
                {
                    // A folder is returned as it is, for the caller to say so: "not found" would mislead.
                    if ((ExistingFile(sessionState, path) ?? ExistingFolder(sessionState, path)) is string found)
                    {
                        yield return found;
                    }
                    else
                    {
                        notFound(ErrorRecords.PathNotFound(path));
                    }

                    continue;
                }

                var matches = Matches(sessionState, path, parameter: null, literalPath: true, out var error);
                if (error != null)
                {
                    notFound(error);
                }

                foreach (var match in matches)
                {
                    yield return match;
                }
            }
        }

        /// <summary>The one state machine definition file <paramref name="path"/> names (a pattern matching one file too); null, with the error, otherwise.</summary>
        public static string? DefinitionFile(SessionState sessionState, string path, string parameter, out ErrorRecord? error)
        {
            var found = Single(sessionState, path, parameter, literalPath: false, out error);
            if (found != null && Directory.Exists(found))
            {
                error = ErrorRecords.PathIsFolder(found, parameter, "Pass the definition's file (Amazon States Language JSON) in it.");
                return null;
            }

            return found;
        }

        /// <summary>
        /// The one file or folder <paramref name="path"/> names: an existing one taken literally, else the one a
        /// pattern matches. Null, with the error that says why, when it names none or several.
        /// </summary>
        /// <param name="sessionState">The cmdlet's, for the current location and drives.</param>
        /// <param name="path">The path as given: a file or folder, or a pattern.</param>
        /// <param name="parameter">The parameter the path was given as, e.g. "-DefinitionPath", for the messages.</param>
        /// <param name="literalPath">Whether the cmdlet has -LiteralPath beside it, for names that hold wildcard characters.</param>
        /// <param name="error">Why no one file or folder was found: PathNotFound, or AmbiguousPath for several.</param>
        public static string? Single(SessionState sessionState, string path, string parameter, bool literalPath, out ErrorRecord? error)
        {
            // A name that holds [ or ] and exists is the user's file, not a pattern.
            if ((ExistingFile(sessionState, path) ?? ExistingFolder(sessionState, path)) is string existing)
            {
                error = null;
                return existing;
            }

            if (!IsPattern(path))
            {
                error = ErrorRecords.PathNotFound(path, parameter);
                return null;
            }

            var matches = Matches(sessionState, path, parameter, literalPath, out error);
            if (error != null)
            {
                return null;
            }

            if (matches.Count > 1)
            {
                error = ErrorRecords.SeveralMatches(path, parameter, matches);
                return null;
            }

            return matches[0];
        }

        /// <summary>What <paramref name="path"/> names with wildcards expanded; none, with the error, when nothing matches or nothing is there.</summary>
        private static List<string> Matches(SessionState sessionState, string path, string? parameter, bool literalPath, out ErrorRecord? error)
        {
            error = null;
            try
            {
                var matches = sessionState.Path.GetResolvedProviderPathFromPSPath(path, out _).ToList();
                if (matches.Count == 0)
                {
                    // PowerShell returns no paths and says nothing for a pattern that matches nothing.
                    error = ErrorRecords.NoMatch(path, parameter, literalPath);
                }

                return matches;
            }
            catch (ItemNotFoundException e)
            {
                error = ErrorRecords.PathNotFound(e, path);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is ProviderNotFoundException || e is System.Management.Automation.DriveNotFoundException)
            {
                error = ErrorRecords.PathNotFound(new ItemNotFoundException(e.Message, e), path);
            }

            return new List<string>();
        }
    }
}
