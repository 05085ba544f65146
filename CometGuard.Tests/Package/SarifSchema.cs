using System;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Threading.Tasks;

namespace CometGuard.Tests.Package
{
    /// <summary>
    /// The SARIF 2.1.0 JSON schema, taken at test time from the npm package that ships it (<c>@microsoft/jest-sarif</c>,
    /// MIT, <c>lib/schemas/sarif-2.1.0-rtm.5.json</c>): npm is reachable where the tests run, and the schema is not this
    /// repository's to copy.
    /// </summary>
    internal static class SarifSchema
    {
        public const string Package = "@microsoft/jest-sarif@1.0.0-beta.0";
        private const string Entry = "package/lib/schemas/sarif-2.1.0-rtm.5.json";

        public static async Task<string> FetchAsync(string directory)
        {
            Directory.CreateDirectory(directory);
            var (exit, output) = await ProcessRunner.RunAsync("npm", "pack " + Package + " --silent --pack-destination \"" + directory + "\"", directory, TimeSpan.FromMinutes(3));
            Assert.True(exit == 0, "npm pack " + Package + " failed:\n" + output);

            foreach (var archive in Directory.GetFiles(directory, "*.tgz"))
            {
                using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
                using var tar = new TarReader(gzip);
                while (tar.GetNextEntry() is { } entry)
                {
                    if (entry.Name == Entry && entry.DataStream is { } data)
                    {
                        using var reader = new StreamReader(data);
                        return await reader.ReadToEndAsync();
                    }
                }
            }

            throw new InvalidOperationException(Package + " holds no " + Entry);
        }
    }
}
