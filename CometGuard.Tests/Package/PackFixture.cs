using System;
using System.IO;
using System.Threading.Tasks;

namespace CometGuard.Tests.Package
{
    /// <summary>
    /// A class fixture that packs into a throw-away folder of its own, under a version no earlier build had, so
    /// NuGet's caches can never serve an older package of the same version.
    /// </summary>
    public abstract class PackFixture : IAsyncLifetime
    {
        protected PackFixture(string name)
        {
            Root = Path.Combine(Path.GetTempPath(), "cometguard-" + name + "-" + Guid.NewGuid().ToString("N"));
        }

        public string Root { get; }

        public string Version { get; } = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Environment.ProcessId;

        public abstract Task InitializeAsync();

        public Task DisposeAsync()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not worth failing the run.
            }

            return Task.CompletedTask;
        }
    }
}
