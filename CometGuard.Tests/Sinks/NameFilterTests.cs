using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CometGuard.Analyzers.Sinks;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CometGuard.Tests.Sinks
{
    /// <summary>
    /// <see cref="ResolvedSinks.Names"/>, the rules' every-call pre-check: it lets through every member a catalogue row
    /// names, and turns away nearly all the members ordinary code calls.
    /// </summary>
    public class NameFilterTests
    {
        private const string Source = "class C { }";

        private static readonly SinkKind[] Kinds = (SinkKind[])Enum.GetValues(typeof(SinkKind));

        [Fact]
        public async Task Every_member_a_catalogue_row_names_passes_the_filter_of_its_kind()
        {
            var (compilation, _, _) = await GatewayCompilation.CreateAsync(Source, "Names");
            var sinks = ResolvedSinks.Create(compilation);
            var filters = Kinds.ToDictionary(kind => kind, kind => sinks.Names(SinkKinds.Of(kind)));
            var all = sinks.Names(ulong.MaxValue);

            var checkedMembers = 0;
            var kindsSeen = new HashSet<SinkKind>();
            foreach (var row in SinkCatalogue.Rows)
            {
                if (compilation.GetTypeByMetadataName(row.TypeMetadataName) is not { } type)
                {
                    continue;
                }

                IEnumerable<ISymbol> members = row.Member switch
                {
                    SinkRow.AnyMethod => type.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary),
                    SinkRow.Constructor => type.InstanceConstructors,
                    _ => type.GetMembers(row.Member),
                };

                foreach (var member in members)
                {
                    Assert.True(filters[row.Kind].MayName(member), member.ToDisplayString() + " (" + row.Kind + ") was turned away");
                    Assert.True(all.MayName(member), member.ToDisplayString() + " was turned away by the filter of every kind");
                    if (member is IMethodSymbol { IsExtensionMethod: true } extension && extension.ReduceExtensionMethod(extension.Parameters[0].Type) is { } reduced)
                    {
                        Assert.True(filters[row.Kind].MayName(reduced), reduced.ToDisplayString() + " (reduced) was turned away");
                    }

                    checkedMembers++;
                    kindsSeen.Add(row.Kind);
                }
            }

            // The gateway packages define most catalogue types, so the loop checked many members of many kinds.
            Assert.True(checkedMembers > 300, checkedMembers + " members checked");
            Assert.True(kindsSeen.Count >= 15, kindsSeen.Count + " kinds checked");
        }

        [Theory]
        [InlineData(SinkKind.HttpBodyRead, SinkKind.HttpTextRead)]
        [InlineData(SinkKind.ResponseOptionalField, SinkKind.ResponseOptionalField)]
        [InlineData(SinkKind.ModelId, SinkKind.RequestBody)]
        [InlineData(SinkKind.Endpoint, SinkKind.AuthenticatedEndpoint)]
        [InlineData(SinkKind.Log, SinkKind.ConsoleOutput)]
        public async Task Ordinary_members_are_turned_away(SinkKind first, SinkKind second)
        {
            var (compilation, _, _) = await GatewayCompilation.CreateAsync(Source, "Ordinary");
            var sinks = ResolvedSinks.Create(compilation);
            var kinds = SinkKinds.Of(first, second);
            var filter = sinks.Names(kinds);

            var ordinary = new[]
            {
                "System.String", "System.Linq.Enumerable", "System.Collections.Generic.List`1", "System.Collections.Generic.Dictionary`2",
                "System.Text.StringBuilder", "System.Math", "System.Convert", "System.IO.File", "System.IO.Path", "System.DateTime",
                "System.TimeSpan", "System.Guid", "System.Threading.Tasks.Task", "System.Int32", "System.Object", "System.Array",
            }
                .Select(name => compilation.GetTypeByMetadataName(name)!)
                .SelectMany(type => type.GetMembers().Concat(type.InstanceConstructors))
                .Where(member => member.DeclaredAccessibility == Accessibility.Public && member is IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.Constructor } or IPropertySymbol)
                .Where(member => (member is IMethodSymbol method ? sinks.CallKinds(method, kinds) : sinks.MemberKinds((IPropertySymbol)member, kinds)) == 0)
                .ToList();

            var passed = ordinary.Count(filter.MayName);
            Assert.True(ordinary.Count > 500, ordinary.Count + " members");
            Assert.True(passed * 10 < ordinary.Count, passed + " of " + ordinary.Count + " ordinary members passed the filter for " + first + ", " + second);
        }

        [Fact]
        public async Task A_filter_passes_the_names_added_to_it_and_every_name_when_built_for_all()
        {
            var (compilation, _, _) = await GatewayCompilation.CreateAsync("class C { void ReadAsStringAsync() { } void Anything() { } C() { } }", "Built");
            var type = compilation.GetTypeByMetadataName("C")!;
            var read = type.GetMembers("ReadAsStringAsync").Single();
            var anything = type.GetMembers("Anything").Single();
            var constructor = type.InstanceConstructors.Single();

            var builder = new NameFilter.Builder();
            builder.AddMember("ReadAsStringAsync");
            var filter = builder.Build();
            Assert.True(filter.MayName(read));
            Assert.False(filter.MayName(anything));
            Assert.False(filter.MayName(constructor));

            // A constructor is filtered by its type's name, apart from a member of that name.
            builder.AddConstructorOf("C");
            Assert.True(builder.Build().MayName(constructor));
            var member = new NameFilter.Builder();
            member.AddMember("C");
            Assert.False(member.Build().MayName(constructor));

            Assert.False(new NameFilter.Builder().Build().MayName(anything));
            Assert.True(NameFilter.All.MayName(anything));
            Assert.True(NameFilter.All.MayName(constructor));
        }
    }
}
