using System;
using System.Collections.Generic;
using System.Globalization;

namespace CometGuard.Bench
{
    /// <summary>
    /// <c>generate --out DIR [--files N] [--gateway-percent P] [--seed S]</c> writes the benchmark project;
    /// <c>report --manifest planted.json --out-dir DIR</c> turns the build logs of bench/run.sh into figures;
    /// <c>inprocess --project DIR --references FILE --analyzers DLL[,DLL2]</c> times the analyzers in this process (<see cref="InProcess"/>).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 0)
            {
                Console.Error.WriteLine("usage: generate --out DIR [--files N] [--gateway-percent P] [--seed S] | report --logs DIR --manifest FILE");
                return 2;
            }

            var options = Parse(args);
            switch (args[0])
            {
                case "generate":
                    var generator = new GeneratorOptions
                    {
                        Files = Int(options, "files", 1500),
                        GatewayPercent = Int(options, "gateway-percent", 4),
                        Seed = Int(options, "seed", 20261125),
                    };
                    Generator.WriteProject(options["out"], generator);
                    Console.WriteLine("generated " + generator.Files + " files into " + options["out"]);
                    return 0;
                case "report":
                    return Report.Run(options["logs"], options["manifest"]);
                case "inprocess":
                    return InProcess.Run(options["project"], options["references"], options["analyzers"], Int(options, "rounds", 5));
                default:
                    Console.Error.WriteLine("unknown command " + args[0]);
                    return 2;
            }
        }

        private static Dictionary<string, string> Parse(string[] args)
        {
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 1; i + 1 < args.Length; i += 2)
            {
                options[args[i].TrimStart('-')] = args[i + 1];
            }

            return options;
        }

        private static int Int(Dictionary<string, string> options, string name, int fallback)
            => options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
    }
}
