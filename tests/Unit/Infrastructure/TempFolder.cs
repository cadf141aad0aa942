using System;
using System.IO;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>A folder of its own for a test's files (definitions, histories, copies), deleted with it.</summary>
    public sealed class TempFolder : IDisposable
    {
        private readonly string path = Directory.CreateTempSubdirectory("sfnresume-test-").FullName;

        /// <summary>The folder's own path.</summary>
        public string FullName => path;

        /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> in the folder; returns the file's path.</summary>
        public string Write(string name, string text)
        {
            var file = Path.Combine(path, name);
            File.WriteAllText(file, text);
            return file;
        }

        public void Dispose() => Directory.Delete(path, recursive: true);
    }
}
