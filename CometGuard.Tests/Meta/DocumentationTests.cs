using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CometGuard.Analyzers;
using CometGuard.Analyzers.Engine;
using CometGuard.Analyzers.Sinks;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Meta
{
    /// <summary>The docs name what the code has: each page's analyzer and fix, and every option where it is read.</summary>
    public class DocumentationTests
    {
        public static TheoryData<string> SupportedIds => DescriptorTests.SupportedIds;

        [Theory]
        [MemberData(nameof(SupportedIds))]
        public void Rule_page_names_the_analyzer_and_the_fix_of_its_id(string id)
        {
            var page = File.ReadAllText(RepositoryPaths.Combine("docs", "rules", id + ".md"));

            var analyzer = Assert.Single(AnalyzerCatalog.Analyzers, a => a.SupportedDiagnostics.Any(d => d.Id == id));
            var analyzerRow = Regex.Match(page, @"^\| Analyzer \| \[`(\w+)`\]\(\.\./\.\./([^)]+)\) \|", RegexOptions.Multiline);
            Assert.True(analyzerRow.Success, id + ".md has no Analyzer row");
            Assert.Equal(analyzer.GetType().Name, analyzerRow.Groups[1].Value);
            Assert.Equal("CometGuard.Analyzers/Rules/" + analyzer.GetType().Name + ".cs", analyzerRow.Groups[2].Value);
            Assert.True(File.Exists(RepositoryPaths.Combine(analyzerRow.Groups[2].Value)), analyzerRow.Groups[2].Value);

            var fixer = AnalyzerCatalog.CodeFixes.SingleOrDefault(f => f.FixableDiagnosticIds.Contains(id));
            var fixRow = Regex.Match(page, @"^\| Code fix \| (.*) \|$", RegexOptions.Multiline);
            Assert.True(fixRow.Success, id + ".md has no Code fix row");
            if (fixer is null)
            {
                Assert.StartsWith("None", fixRow.Groups[1].Value, StringComparison.Ordinal);
            }
            else
            {
                Assert.StartsWith("[`" + fixer.GetType().Name + "`](../../CometGuard.CodeFixes/Rules/" + fixer.GetType().Name + ".cs)", fixRow.Groups[1].Value, StringComparison.Ordinal);
            }
        }

        /// <summary>The pages list the one placeholder table (<see cref="Placeholders"/>) as it is, between their markers.</summary>
        [Theory]
        [InlineData("CG0001", "models")]
        [InlineData("CG0002", "keys")]
        public void Rule_page_lists_the_placeholder_table(string id, string table)
        {
            static string Codes(IEnumerable<string> values) => string.Join(", ", values.Select(v => "`" + v + "`"));
            var templates = "- Templates: " + Codes(Placeholders.Templates) + ", and blank or whitespace.";
            var expected = table == "keys"
                ? string.Join("\n", templates,
                    "- Starting the value or the key's body after its vendor prefix (`sk-`, `sk-proj-`, …), or standing as a word between separators (`-`, `_`, `.`, space): " + Codes(Placeholders.KeyMarkers) + ".",
                    "- Standing as a word between separators: " + Codes(Placeholders.KeyWords) + ".",
                    "- Words match in lower case, capitals or capitalised (`fake`, `FAKE`, `Fake`), not in a random body's mixed case.",
                    "- Anywhere: " + Codes(Placeholders.KeyElisions) + ".")
                : string.Join("\n", templates,
                    "- Environment-variable-shaped names: capitals and digits joined by `_` (`MODEL_NAME`, `YOUR_MODEL`), or capitals only, 4 or more.",
                    "- Starting with, in any case: " + Codes(Placeholders.ModelPrefixes) + ".",
                    "- Exactly, in any case: " + Codes(Placeholders.ModelWords) + ".");

            var page = File.ReadAllText(RepositoryPaths.Combine("docs", "rules", id + ".md")).Replace("\r\n", "\n");
            var block = Regex.Match(page, "<!-- placeholders:" + table + " -->\n(.*?)\n<!-- /placeholders -->", RegexOptions.Singleline);
            Assert.True(block.Success, id + ".md has no placeholders:" + table + " block");
            Assert.Equal(expected, block.Groups[1].Value);
        }

        [Fact]
        public void Readme_option_table_is_the_option_list()
        {
            var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));
            var rows = Regex.Matches(readme, @"^\| `(cometguard\.[a-z_]+)` \| ([^|]+) \| ([^|]+) \|$", RegexOptions.Multiline)
                .Select(m => (Key: m.Groups[1].Value, Default: m.Groups[2].Value.Trim(), Rules: Regex.Matches(m.Groups[3].Value, @"CG\d{4}(?=\])").Select(r => r.Value).ToArray()))
                .ToList();
            Assert.Equal(CometGuardOptions.All.Select(o => o.Key), rows.Select(r => r.Key));
            foreach (var option in CometGuardOptions.All)
            {
                var row = rows.Single(r => r.Key == option.Key);
                Assert.Equal(option.Default.Length == 0 ? "*(empty)*" : "`" + option.Default + "`", row.Default);
                Assert.Equal(option.Rules, row.Rules);
            }
        }

        [Fact]
        public void Every_option_is_documented_on_the_page_of_each_rule_that_reads_it()
        {
            foreach (var option in CometGuardOptions.All)
            {
                foreach (var id in option.Rules)
                {
                    var page = File.ReadAllText(RepositoryPaths.Combine("docs", "rules", id + ".md"));
                    Assert.True(page.Contains("`" + option.Key + "`", StringComparison.Ordinal), id + ".md must document " + option.Key);
                }
            }
        }

        /// <summary>
        /// The code that reads an option belongs to the rules the list names: a rule file reports one of them, or a
        /// domain file's types are used by their rule files. Every listed rule reads the option somewhere.
        /// </summary>
        [Fact]
        public void Every_option_is_read_by_exactly_the_rules_it_lists()
        {
            var analyzers = RepositoryPaths.Combine("CometGuard.Analyzers");
            var files = Directory.GetFiles(analyzers, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .ToDictionary(f => f, File.ReadAllText);
            var ruleFiles = files.Where(f => f.Key.Contains(Path.DirectorySeparatorChar + "Rules" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .ToDictionary(f => f.Key, f => RulesReported(f.Value));
            var constants = Regex.Matches(files.Single(f => f.Key.EndsWith("CometGuardOptions.cs", StringComparison.Ordinal)).Value, @"const string (\w+) = ""(cometguard\.[a-z_]+)""")
                .ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);

            foreach (var option in CometGuardOptions.All)
            {
                var reference = "CometGuardOptions." + constants[option.Key];
                var readers = new HashSet<string>();
                foreach (var (path, text) in files.Where(f => f.Value.Contains(reference, StringComparison.Ordinal) && !f.Key.EndsWith("CometGuardOptions.cs", StringComparison.Ordinal)))
                {
                    if (ruleFiles.TryGetValue(path, out var reported))
                    {
                        readers.UnionWith(reported);
                        continue;
                    }

                    // A domain file: the rules whose files use one of its types.
                    foreach (Match type in Regex.Matches(text, @"(?:class|struct) (\w+)"))
                    {
                        foreach (var rule in ruleFiles.Where(r => Regex.IsMatch(files[r.Key], @"\b" + type.Groups[1].Value + @"\b")))
                        {
                            readers.UnionWith(rule.Value);
                        }
                    }
                }

                Assert.Equal(option.Rules.OrderBy(r => r), readers.OrderBy(r => r));
            }
        }

        private static IEnumerable<string> RulesReported(string source)
        {
            return typeof(RuleIdentifiers).GetFields()
                .Where(f => source.Contains("Descriptors." + f.Name, StringComparison.Ordinal))
                .Select(f => (string)f.GetValue(null)!);
        }
    }
}
