using System.Linq;
using System.Threading.Tasks;
using CometGuard.Analyzers.Engine;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace CometGuard.Tests.Engine
{
    /// <summary>The sink tables key definitions by reference: a definition must be one object however it is reached.</summary>
    public class DefinitionComparerTests
    {
        private const string Source = """
            using System.Collections.Generic;
            using System.ClientModel;
            using System.Linq;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using OpenAI.Chat;
            class C
            {
                async Task<object?> M(HttpResponseMessage response, ChatClient client, List<ChatMessage> messages, ChatCompletion completion)
                {
                    var credential = new ApiKeyCredential("k");
                    await client.CompleteChatAsync(messages);
                    var first = completion.Content.First();
                    var text = completion.Content[0].Text;
                    return await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
                }
            }
            """;

        [Fact]
        public async Task Definitions_reached_through_calls_are_the_objects_the_type_lists()
        {
            var (_, tree, model) = await GatewayCompilation.CreateAsync(Source, "Identity");

            var members = tree.GetRoot().DescendantNodes()
                .Where(n => n is InvocationExpressionSyntax or ObjectCreationExpressionSyntax or ElementAccessExpressionSyntax or MemberAccessExpressionSyntax)
                .Select(n => model.GetOperation(n))
                .Select(o => o switch
                {
                    IInvocationOperation invocation => (ISymbol)(invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod),
                    IObjectCreationOperation creation => creation.Constructor,
                    IPropertyReferenceOperation property => property.Property,
                    _ => null,
                })
                .Where(s => s is not null)
                .ToList();

            Assert.True(members.Count >= 8, members.Count.ToString());
            foreach (var member in members)
            {
                var definition = member!.OriginalDefinition;
                var listed = definition.ContainingType.GetMembers(definition.Name).Single(m => SymbolEqualityComparer.Default.Equals(m, definition));
                Assert.True(DefinitionComparer.Instance.Equals(listed, definition), definition.ToDisplayString());
                Assert.Equal(DefinitionComparer.Instance.GetHashCode(listed), DefinitionComparer.Instance.GetHashCode(definition));
                Assert.True(DefinitionComparer.Instance.Equals(listed, member.OriginalDefinition), definition.ToDisplayString());
            }
        }
    }
}
