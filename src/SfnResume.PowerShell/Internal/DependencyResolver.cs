using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace SfnResume.PowerShell.Internal
{
    /// <summary>
    /// Finds the module's dependencies (AWSSDK.*, System.Text.Json and its helpers) when the runtime cannot.
    /// <list type="number">
    /// <item>An assembly of the same name that is already loaded wins: when AWS.Tools.Common was imported
    /// first, SfnResume uses its AWSSDK.Core, so credential objects pass between the two modules.</item>
    /// <item>An AWSSDK.* assembly is loaded from an installed AWS.Tools.Common when there is one. Importing
    /// AWS.Tools.Common later then finds the very file it asks for already loaded, instead of failing with
    /// "Assembly with same name is already loaded".</item>
    /// <item>Otherwise the module's own copy is loaded, whatever version was asked for; that stands in for
    /// the binding redirects Windows PowerShell lacks.</item>
    /// </list>
    /// </summary>
    internal sealed class DependencyResolver
    {
        private const string SharedPrefix = "AWSSDK.";
        private readonly string moduleDirectory;
        private readonly Lazy<IReadOnlyList<string>> sharedDirectories;

        /// <param name="moduleDirectory">The folder SfnResume was imported from.</param>
        /// <param name="findSharedDirectories">Folders of installed AWS.Tools.Common versions, preferred first.</param>
        public DependencyResolver(string moduleDirectory, Func<IReadOnlyList<string>> findSharedDirectories)
        {
            this.moduleDirectory = moduleDirectory;
            sharedDirectories = new Lazy<IReadOnlyList<string>>(findSharedDirectories);
        }

        public Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var requested = new AssemblyName(args.Name);
            if (string.IsNullOrEmpty(requested.Name))
            {
                return null;
            }

            var ownCopy = Path.Combine(moduleDirectory, requested.Name + ".dll");
            if (!File.Exists(ownCopy))
            {
                // Not one of ours: leave it to the runtime and to other handlers.
                return null;
            }

            var loaded = AppDomain.CurrentDomain.GetAssemblies()
                .FirstOrDefault(a => string.Equals(a.GetName().Name, requested.Name, StringComparison.OrdinalIgnoreCase)
                    && (requested.Version == null || a.GetName().Version >= requested.Version));
            if (loaded != null)
            {
                return loaded;
            }

            if (requested.Name!.StartsWith(SharedPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var shared = sharedDirectories.Value
                    .Select(directory => Path.Combine(directory, requested.Name + ".dll"))
                    .FirstOrDefault(path => File.Exists(path) && SameMajorVersion(path, requested));
                if (shared != null)
                {
                    return Assembly.LoadFrom(shared);
                }
            }

            return Assembly.LoadFrom(ownCopy);
        }

        /// <summary>
        /// AWS.Tools.Common folders on a module path (<c>PSModulePath</c> syntax), highest module version first,
        /// as Import-Module would choose them.
        /// </summary>
        public static IReadOnlyList<string> FindAwsToolsCommon(string? modulePath)
        {
            if (string.IsNullOrEmpty(modulePath))
            {
                return Array.Empty<string>();
            }

            var found = new List<(Version Version, string Directory)>();
            foreach (var root in modulePath!.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            {
                var module = Path.Combine(root.Trim(), "AWS.Tools.Common");
                if (!Directory.Exists(module))
                {
                    continue;
                }

                foreach (var versionDirectory in Directory.GetDirectories(module))
                {
                    if (Version.TryParse(Path.GetFileName(versionDirectory), out var version))
                    {
                        found.Add((version, versionDirectory));
                    }
                }

                if (File.Exists(Path.Combine(module, "AWS.Tools.Common.psd1")))
                {
                    found.Add((new Version(0, 0), module));
                }
            }

            return found.OrderByDescending(f => f.Version).Select(f => f.Directory).ToList();
        }

        private static bool SameMajorVersion(string path, AssemblyName requested)
        {
            try
            {
                var candidate = AssemblyName.GetAssemblyName(path);
                return requested.Version == null || candidate.Version?.Major == requested.Version.Major;
            }
            catch (BadImageFormatException)
            {
                return false;
            }
        }
    }
}
