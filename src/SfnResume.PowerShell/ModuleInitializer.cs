using System;
using System.IO;
using System.Management.Automation;
using SfnResume.PowerShell.Internal;

namespace SfnResume.PowerShell
{
    /// <summary>
    /// Hooks the dependency resolver up while the module is imported. The dependencies sit in the module's
    /// dependencies/ folder, out of reach of PowerShell's own probing, so the resolver decides where each
    /// one comes from.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly DependencyResolver Resolver = new DependencyResolver(
            Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "dependencies"),
            () => DependencyResolver.FindAwsToolsCommon(Environment.GetEnvironmentVariable("PSModulePath")));

        private static readonly object Gate = new object();
        private static bool registered;

        public void OnImport()
        {
            lock (Gate)
            {
                if (!registered)
                {
                    AppDomain.CurrentDomain.AssemblyResolve += Resolver.Resolve;
                    registered = true;
                }
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                if (registered)
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= Resolver.Resolve;
                    registered = false;
                }
            }
        }
    }
}
