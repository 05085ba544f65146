using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Analyzers.Engine;
using CometGuard.Analyzers.Sinks;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CometGuard.Tests.Engine
{
    /// <summary>The namespace-walk type lookup finds what <c>GetTypeByMetadataName</c> finds.</summary>
    public class TypeLookupTests
    {
        private static async Task<CSharpCompilation> CompileAsync(string source = "")
        {
            var references = References.Gateway;
            return CSharpCompilation.Create(
                "Lookup",
                new[] { CSharpSyntaxTree.ParseText(source) },
                references.Add(References.Annotations),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        }

        [Fact]
        public async Task Finds_every_catalogue_type_as_GetTypeByMetadataName_does()
        {
            var compilation = await CompileAsync();
            var names = SinkCatalogue.Rows.Select(r => r.TypeMetadataName)
                .Concat(KnownSymbols.MetadataNames)
                .Concat(new[]
                {
                    "Polly.PolicyBuilder`1", "Polly.Retry.RetryStrategyOptions`1", "System.Collections.Generic.IDictionary`2",
                    "System.Environment+SpecialFolder", "Polly.NoSuchType", "No.Such.Namespace.Type", "System.Net.Http.HttpClient`1",
                })
                .Distinct()
                .ToList();

            var found = 0;
            foreach (var name in names)
            {
                var expected = compilation.GetTypeByMetadataName(name);
                Assert.True(SymbolEqualityComparer.Default.Equals(expected, compilation.FindType(name)), name);
                found += expected is null ? 0 : 1;
            }

            // The gateway reference set holds most of the catalogue: a lookup that always said null would fail here.
            Assert.True(found > names.Count / 2, found + " of " + names.Count);
        }

        [Theory]
        [InlineData("Polly.PolicyBuilder`1")]
        [InlineData("System.Environment+SpecialFolder")]
        [InlineData("System.Net.Http.Headers.AuthenticationHeaderValue")]
        [InlineData("System.Collections.Generic.IDictionary`2")]
        public async Task HasMetadataName_is_true_for_the_type_found_and_false_for_near_misses(string name)
        {
            var compilation = await CompileAsync();
            var type = compilation.FindType(name);

            Assert.NotNull(type);
            Assert.True(type!.HasMetadataName(name), name);
            var simple = name.Substring(name.LastIndexOfAny(new[] { '.', '+' }) + 1);
            var misses = new[]
            {
                simple,
                "Other." + name,
                name.Substring(name.IndexOf('.') + 1),
                name + "X",
                name.Replace('+', '.'),
                "X" + name,
                name.Replace(simple, simple.ToLowerInvariant()),
            };
            foreach (var miss in misses.Where(m => m != name))
            {
                Assert.False(type.HasMetadataName(miss), miss);
            }
        }

        [Fact]
        public async Task HasMetadataName_agrees_with_FindType_on_every_catalogue_member_type()
        {
            var compilation = await CompileAsync();
            var names = SinkCatalogue.Rows.Select(r => r.TypeMetadataName).Distinct().ToList();
            var types = names.Select(n => compilation.FindType(n)).Where(t => t is not null).Select(t => t!).ToList();

            Assert.True(types.Count > names.Count / 2, types.Count + " of " + names.Count);
            foreach (var type in types)
            {
                foreach (var name in names)
                {
                    Assert.Equal(SymbolEqualityComparer.Default.Equals(compilation.FindType(name), type), type.HasMetadataName(name));
                }
            }
        }

        [Fact]
        public async Task Prefers_the_compilations_own_type_over_a_referenced_one()
        {
            var compilation = await CompileAsync("namespace System.Net.Http { public class HttpClient { } }");

            var type = compilation.FindType("System.Net.Http.HttpClient");

            Assert.NotNull(type);
            Assert.Equal(compilation.Assembly, type!.ContainingAssembly, SymbolEqualityComparer.Default);
        }

        [Theory]
        [InlineData("internal", "public", true)]
        [InlineData("public", "public", false)]
        public async Task Takes_the_only_public_type_when_references_define_it_twice(string first, string second, bool found)
        {
            var one = Library("One", first);
            var two = Library("Two", second);
            var compilation = (await CompileAsync()).AddReferences(one, two);

            var type = compilation.FindType("Contoso.Gateway.Client");

            Assert.Equal(found, type is not null);
            Assert.True(type is null || type.DeclaredAccessibility == Accessibility.Public);
            // GetTypeByMetadataName gives up on any duplicate; an internal copy must not hide the public type.
            Assert.Null(compilation.GetTypeByMetadataName("Contoso.Gateway.Client"));
        }

        private static MetadataReference Library(string name, string accessibility)
            => CSharpCompilation.Create(
                    name,
                    new[] { CSharpSyntaxTree.ParseText("namespace Contoso.Gateway { " + accessibility + " class Client { } }") },
                    new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
                .ToMetadataReference();
    }
}
