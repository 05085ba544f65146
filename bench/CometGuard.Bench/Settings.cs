using System;
using System.Globalization;

namespace CometGuard.Bench
{
    /// <summary>
    /// appsettings files of a service, as CG0012 reads them: logging, connection strings, the gateway section with its key
    /// left empty, feature flags, build hashes and cache keys (high-entropy values under names that are not credentials),
    /// a list of downstream services. Every tenth file (the first included) has a key committed in the gateway section: a planted CG0012.
    /// </summary>
    internal static class Settings
    {
        /// <summary>How many settings files a project of <paramref name="files"/> source files carries: 200 at the default 1,500.</summary>
        public static int CountFor(int files) => Math.Max(1, files * 2 / 15);

        public static void Write(CodeWriter w, Random random, int index)
        {
            var n = index.ToString("D3", CultureInfo.InvariantCulture);
            w.Line("{");
            w.Line("  \"Logging\": {");
            w.Line("    \"LogLevel\": {");
            w.Line("      \"Default\": \"Information\",");
            w.Line("      \"Microsoft.AspNetCore\": \"Warning\"");
            w.Line("    }");
            w.Line("  },");
            w.Line("  \"AllowedHosts\": \"*\",");
            w.Line("  \"ConnectionStrings\": {");
            w.Line("    \"Orders\": \"Server=tcp:sql-contoso.database.windows.net,1433;Database=orders" + n + ";Authentication=Active Directory Default;\",");
            w.Line("    \"Insights\": \"InstrumentationKey=" + Guid(random) + ";IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/\"");
            w.Line("  },");
            w.Line("  // The gateway this service calls; the key comes from user secrets or Gateway__ApiKey.");
            w.Line("  \"Gateway\": {");
            w.Line("    \"Endpoint\": \"https://api.cometapi.com/v1\",");
            w.Line("    \"Model\": \"gpt-4o-mini\",");
            if (index % 10 == 0)
            {
                w.BeginPlant("CG0012", "a gateway key committed in appsettings");
                w.Line("    \"ApiKey\": \"" + (index % 20 == 0 ? Keys.Make(random, index) : Keys.Vendor(random, index)) + "\",");
                w.EndPlant();
            }
            else
            {
                w.Line("    \"ApiKey\": \"\",");
            }

            w.Line("    \"TimeoutSeconds\": " + (20 + random.Next(40)) + ",");
            w.Line("  },");
            w.Line("  \"Features\": { \"Summaries\": true, \"Classification\": " + (random.Next(2) == 0 ? "false" : "true") + ", \"Threshold\": 0." + random.Next(50, 99) + " },");
            w.Line("  \"Build\": {");
            w.Line("    \"Commit\": \"" + Keys.Hex(random, 40) + "\",");
            w.Line("    \"Sha256\": \"" + Keys.Hex(random, 64) + "\"");
            w.Line("  },");
            w.Line("  \"Cache\": { \"CacheKey\": \"service" + n + ":v2:" + Keys.Hex(random, 16) + "\", \"Ttl\": \"00:05:00\" },");
            w.Line("  \"Services\": [");
            var services = 2 + random.Next(4);
            for (var s = 0; s < services; s++)
            {
                w.Line("    { \"Name\": \"downstream-" + s + "\", \"Url\": \"https://svc" + s + ".contoso.internal/\", \"Retries\": " + random.Next(4) + " }" + (s + 1 < services ? "," : string.Empty));
            }

            w.Line("  ]");
            w.Line("}");
        }

        private static string Guid(Random random)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes).ToString();
        }
    }
}
