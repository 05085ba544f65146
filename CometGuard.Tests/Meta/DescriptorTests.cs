using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using CometGuard.Analyzers;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace CometGuard.Tests.Meta
{
    /// <summary>Keeps the rule catalogue honest: IDs, help links, doc pages, release notes and the README agree.</summary>
    public class DescriptorTests
    {
        public static TheoryData<string> SupportedIds => new(AnalyzerCatalog.Supported.Select(d => d.Id).Distinct());

        [Fact]
        public void Rule_identifiers_are_unique_and_well_formed()
        {
            var ids = typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.All(ids, id => Assert.Matches("^CG[0-9]{4}$", id));
        }

        [Fact]
        public void Every_descriptor_uses_a_declared_identifier_and_is_reported_by_an_analyzer()
        {
            var ids = typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToHashSet();
            Assert.NotEmpty(AnalyzerCatalog.Descriptors);
            Assert.All(AnalyzerCatalog.Descriptors, d => Assert.Contains(d.Id, ids));
            Assert.All(AnalyzerCatalog.Descriptors, d => Assert.Contains(d, AnalyzerCatalog.Supported));
        }

        [Theory]
        [MemberData(nameof(SupportedIds))]
        public void Descriptor_has_help_link_doc_page_and_release_entry(string id)
        {
            foreach (var descriptor in AnalyzerCatalog.Supported.Where(d => d.Id == id))
            {
                Assert.Equal(Descriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
                Assert.True(descriptor.IsEnabledByDefault);
                Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
            }

            var page = RepositoryPaths.Combine("docs", "rules", id + ".md");
            Assert.True(File.Exists(page), "Missing rule page " + page);
            var text = File.ReadAllText(page);
            Assert.StartsWith("# " + id + ": ", text);

            var severity = AnalyzerCatalog.Supported.First(d => d.Id == id).DefaultSeverity;
            var release = File.ReadAllText(RepositoryPaths.Combine("CometGuard.Analyzers", "AnalyzerReleases.Unshipped.md"))
                + File.ReadAllText(RepositoryPaths.Combine("CometGuard.Analyzers", "AnalyzerReleases.Shipped.md"));
            Assert.Matches(new Regex("^" + id + @"\s*\|[^|]*\|\s*" + severity + @"\s*\|", RegexOptions.Multiline), release);
        }

        [Theory]
        [MemberData(nameof(SupportedIds))]
        public void Every_option_a_rule_reads_is_documented_on_its_page(string id)
        {
            var page = File.ReadAllText(RepositoryPaths.Combine("docs", "rules", id + ".md"));
            var options = File.ReadAllText(RepositoryPaths.Combine("CometGuard.Analyzers", "Engine", "CometGuardOptions.cs"));
            foreach (Match declaration in Regex.Matches(options, @"const string (\w+) = ""(cometguard\.[a-z_]+)"""))
            {
                var (constant, option) = (declaration.Groups[1].Value, declaration.Groups[2].Value);
                var readByRule = Directory.GetFiles(RepositoryPaths.Combine("CometGuard.Analyzers", "Rules"), "*.cs")
                    .Select(File.ReadAllText)
                    .Any(source => source.Contains("CometGuardOptions." + constant) && ReportsRule(source, id));
                if (readByRule)
                {
                    Assert.True(page.Contains("`" + option + "`"), id + ".md must document " + option);
                }
            }
        }

        [Fact]
        public void Readme_rule_table_lists_every_rule_with_its_title_and_severity()
        {
            var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));
            foreach (var descriptor in AnalyzerCatalog.Supported.GroupBy(d => d.Id).Select(g => g.First()))
            {
                var row = new Regex(@"^\|\s*\[" + descriptor.Id + @"\]\(docs/rules/" + descriptor.Id + @"\.md\)\s*\|\s*" + Regex.Escape(descriptor.Title.ToString()) + @"\s*\|\s*\**" + Severity(descriptor.DefaultSeverity) + @"\**\s*\|", RegexOptions.Multiline);
                Assert.Matches(row, readme);
            }
        }

        private static bool ReportsRule(string source, string id)
        {
            var constant = typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static).First(f => (string)f.GetValue(null)! == id).Name;
            return source.Contains("Descriptors." + constant) || source.Contains("RuleIdentifiers." + constant);
        }

        private static string Severity(DiagnosticSeverity severity) => severity.ToString().ToLowerInvariant();
    }
}
