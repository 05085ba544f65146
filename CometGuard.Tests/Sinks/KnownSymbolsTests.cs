using System;
using System.Linq;
using CometGuard.Analyzers.Engine;
using CometGuard.Analyzers.Sinks;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CometGuard.Tests.Sinks
{
    /// <summary>The one table of known types: every entry has its name, and each name finds the type it says.</summary>
    public class KnownSymbolsTests
    {
        [Fact]
        public void Every_known_type_has_a_metadata_name_in_the_enums_order()
        {
            Assert.Equal(Enum.GetValues(typeof(KnownType)).Length, KnownSymbols.MetadataNames.Length);
            Assert.Equal(KnownSymbols.MetadataNames.Length, KnownSymbols.MetadataNames.Distinct(StringComparer.Ordinal).Count());
        }

        [Fact]
        public void Each_name_resolves_to_the_type_it_names_in_a_gateway_project()
        {
            var compilation = CSharpCompilation.Create("Known", new[] { CSharpSyntaxTree.ParseText("class C { }") }, References.GatewayTests.Add(References.Annotations), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var known = KnownSymbols.For(compilation);
            var resolved = 0;
            foreach (KnownType type in Enum.GetValues(typeof(KnownType)))
            {
                if (known[type] is { } symbol)
                {
                    resolved++;
                    Assert.True(symbol.HasMetadataName(KnownSymbols.MetadataNames[(int)type]), type + " resolved to " + symbol.ToDisplayString());
                    Assert.Same(symbol, known[type]);
                }
            }

            // NUnit (three attributes), MSTest and TUnit are not in the gateway set; everything else is.
            Assert.Equal(KnownSymbols.MetadataNames.Length - 5, resolved);
            Assert.Null(known[KnownType.NUnitTest]);
        }
    }
}
