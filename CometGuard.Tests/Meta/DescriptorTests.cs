using System;
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

        /// <summary>One address for the project: the package metadata, the release notes' links and the README's first lines use the descriptors' own.</summary>
        [Fact]
        public void The_repository_address_is_the_descriptors_everywhere()
        {
            var props = System.Xml.Linq.XDocument.Load(RepositoryPaths.Combine("Directory.Build.props"));
            Assert.Equal(Descriptors.RepositoryAddress, props.Descendants("RepositoryUrl").Single().Value);
            Assert.Equal(Descriptors.RepositoryAddress, props.Descendants("PackageProjectUrl").Single().Value);

            var release = File.ReadAllText(RepositoryPaths.Combine("CometGuard.Analyzers", "AnalyzerReleases.Unshipped.md"));
            foreach (Match link in Regex.Matches(release, @"\]\((https?://[^)]+)\)"))
            {
                Assert.StartsWith(Descriptors.HelpLinkBase, link.Groups[1].Value, StringComparison.Ordinal);
            }

            var head = string.Join("\n", File.ReadLines(RepositoryPaths.Combine("README.md")).Take(6));
            Assert.Contains(Descriptors.RepositoryAddress, head, StringComparison.Ordinal);
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

        private static string Severity(DiagnosticSeverity severity) => severity.ToString().ToLowerInvariant();
    }
}
