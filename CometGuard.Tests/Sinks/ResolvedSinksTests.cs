using System;
using System.Linq;
using System.Threading.Tasks;
using CometGuard.Analyzers.Sinks;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace CometGuard.Tests.Sinks
{
    /// <summary>
    /// <see cref="ResolvedSinks.CallKinds"/> and <see cref="ResolvedSinks.MemberKinds"/>, the one-lookup pre-checks, never
    /// hide a kind the detailed lookups find.
    /// </summary>
    public class ResolvedSinksTests
    {
        private const string Source = """
            using System;
            using System.Collections.Generic;
            using System.ClientModel;
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Net.Http.Json;
            using System.Text.Json;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;
            using OpenAI;
            using OpenAI.Chat;
            class C
            {
                async Task<object?> M(HttpClient http, HttpResponseMessage response, ChatClient client, List<ChatMessage> messages, ILogger logger, string key)
                {
                    var openai = new OpenAIClient(new ApiKeyCredential(key));
                    var chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential(key));
                    http.BaseAddress = new Uri("https://api.cometapi.com/v1/");
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    http.DefaultRequestHeaders.Add("Authorization", "Bearer " + key);
                    await client.CompleteChatAsync(messages);
                    logger.LogInformation("sent {Count}", messages.Count);
                    Console.WriteLine(string.Concat("a", "b"));
                    response.EnsureSuccessStatusCode();
                    var text = await response.Content.ReadAsStringAsync();
                    using var document = JsonDocument.Parse(text);
                    return await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
                }
            }
            """;

        [Fact]
        public async Task CallKinds_covers_every_kind_the_call_or_its_arguments_are_sinks_of()
        {
            var (compilation, tree, model) = await GatewayCompilation.CreateAsync(Source, "Kinds");
            var sinks = ResolvedSinks.Create(compilation);

            var calls = tree.GetRoot().DescendantNodes()
                .Where(n => n is InvocationExpressionSyntax or ObjectCreationExpressionSyntax)
                .Select(n => model.GetOperation(n))
                .Select(o => o switch
                {
                    IInvocationOperation invocation => (Method: invocation.TargetMethod, Arguments: invocation.Arguments),
                    IObjectCreationOperation creation => (Method: creation.Constructor!, Arguments: creation.Arguments),
                    _ => default,
                })
                .Where(c => c.Method is not null)
                .ToList();

            var found = 0UL;
            foreach (var (method, arguments) in calls)
            {
                var kinds = sinks.CallKinds(method);
                foreach (SinkKind kind in Enum.GetValues(typeof(SinkKind)))
                {
                    if (sinks.IsSink(method, kind) || arguments.Any(a => sinks.IsSink(a, kind)))
                    {
                        Assert.True((kinds & SinkKinds.Of(kind)) != 0, method.ToDisplayString() + " is a " + kind + " sink");
                        found |= SinkKinds.Of(kind);
                    }
                }

                if (method.Name == nameof(string.Concat))
                {
                    Assert.Equal(0UL, kinds);
                }
            }

            var properties = tree.GetRoot().DescendantNodes()
                .Select(n => model.GetOperation(n))
                .OfType<IPropertyReferenceOperation>()
                .Select(p => p.Property)
                .ToList();
            foreach (var property in properties)
            {
                foreach (SinkKind kind in Enum.GetValues(typeof(SinkKind)))
                {
                    if (sinks.IsSink(property, kind))
                    {
                        Assert.True((sinks.MemberKinds(property) & SinkKinds.Of(kind)) != 0, property.ToDisplayString() + " is a " + kind + " sink");
                        found |= SinkKinds.Of(kind);
                    }
                }
            }

            // The source reaches sinks of many kinds, so the loops above checked something.
            foreach (var kind in new[] { SinkKind.Credential, SinkKind.ModelId, SinkKind.Log, SinkKind.HttpBodyRead, SinkKind.HttpStatusCheck, SinkKind.Endpoint, SinkKind.HttpResponseBody })
            {
                Assert.True((found & SinkKinds.Of(kind)) != 0, kind + " not reached");
            }
        }
    }
}
