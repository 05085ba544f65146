using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Analyzers.Responses;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace CometGuard.Tests.Responses
{
    /// <summary>
    /// <see cref="StraightLineGuards.MayBranch"/> lets a rule skip the control flow graph of a body with no conditional
    /// branch: it must say "may branch" for every body whose graph (lambdas and local functions included) has one.
    /// </summary>
    public class StraightLineGuardsTests
    {
        private const string Source = """
            #nullable enable
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Threading.Tasks;
            record Pair(int A, int B);
            class C
            {
                int _field;
                string? Text { get; set; }

                // Straight-line bodies.
                int Plain(List<int> items) { var first = items[0]; Console.WriteLine(first); return first + items.Count; }
                async Task<string> Awaits(Task<string> task) { var text = await task; return text.Trim(); }
                string Interpolated(int n) => $"n = {n}";
                Func<int, int> Lambda() => x => x + 1;
                int Local() { int Twice(int x) => x * 2; return Twice(_field); }
                object Creation() => new List<int> { 1, 2 };
                void Throws() => throw new InvalidOperationException();
                int Tuple() { var (a, b) = (1, 2); return a + b; }
                bool Pattern(object o) => o is string { Length: > 0 };

                // Bodies with a conditional branch somewhere.
                int If(bool b) { if (b) return 1; return 0; }
                int Ternary(bool b) => b ? 1 : 0;
                bool And(bool a, bool b) => a && b;
                bool Or(bool a, bool b) => a || b;
                string Coalesce(string? s) => s ?? "";
                void CoalesceAssign() { Text ??= ""; }
                int? Conditional(string? s) => s?.Length;
                void ConditionalAssign(C? c) { c?.Text!.Trim(); }
                int While(int n) { while (n > 0) n--; return n; }
                int For() { var s = 0; for (var i = 0; i < 3; i++) s += i; return s; }
                int Foreach(List<int> items) { var s = 0; foreach (var i in items) s += i; return s; }
                int Do(int n) { do n--; while (n > 0); return n; }
                int Switch(int n) { switch (n) { case 1: return 1; default: return 0; } }
                int SwitchExpression(int n) => n switch { 1 => 1, _ => 0 };
                void Using(Stream s) { using (s) { s.Flush(); } }
                void UsingDeclaration(Stream s) { using var r = new StreamReader(s); r.ReadToEnd(); }
                void Lock(object o) { lock (o) { _field++; } }
                void TryCatch() { try { _field++; } catch (Exception) { _field--; } }
                void Goto(int n) { again: n--; if (n > 0) goto again; }
                Func<bool, int> LambdaBranch() => b => b ? 1 : 0;
                int LocalBranch() { int Pick(bool b) => b ? 1 : 0; return Pick(true); }
                int[] Spread(int[] a) => [.. a, 1];
                int Any(List<int> items) => items.Where(i => i > 0).Count();
                int Throwing(string? s) => (s ?? throw new ArgumentNullException(nameof(s))).Length;
                bool TupleEquality(int a, int b) => (a, b) == (1, 2);
                int? Lifted(int? a, int? b) => a + b;
                async Task AwaitForeach(IAsyncEnumerable<int> items) { await foreach (var i in items) _field += i; }
                async Task AwaitUsing(IAsyncDisposable d) { await using (d) { _field++; } }
                void Handler(bool ok, int n) => System.Diagnostics.Debug.Assert(ok, $"n = {n}");
                Pair With(Pair p) => p with { A = 1 };
            }
            """;

        private static readonly string[] Straight = { "Plain", "Awaits", "Interpolated", "Lambda", "Local", "Creation", "Throws", "Tuple", "Pattern" };

        [Fact]
        public async Task Says_may_branch_for_every_body_whose_graph_branches()
        {
            var (compilation, tree, model) = await GatewayCompilation.CreateAsync(Source, "Branches");
            var straight = 0;
            var branching = 0;
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                var body = model.GetOperation(declaration)!;
                var graph = ControlFlowGraph.Create(declaration, model)!;
                var graphBranches = Branches(graph);
                var mayBranch = StraightLineGuards.MayBranch(body);
                if (graphBranches)
                {
                    Assert.True(mayBranch, declaration.Identifier.Text + " has a conditional branch");
                    branching++;
                }

                // The shortcut may be cautious about a construct whose graph does not branch after all (a try block),
                // but it must recognise the common straight-line bodies, or it saves nothing.
                if (Straight.Contains(declaration.Identifier.Text))
                {
                    Assert.False(graphBranches, declaration.Identifier.Text + " is meant to be straight-line");
                    Assert.False(mayBranch, declaration.Identifier.Text + " has no conditional branch");
                    straight++;
                }
            }

            Assert.Equal(Straight.Length, straight);
            Assert.True(branching >= 20, branching + " branching bodies");
        }

        private static bool Branches(ControlFlowGraph graph)
        {
            if (graph.Blocks.Any(block => block.ConditionalSuccessor is not null))
            {
                return true;
            }

            foreach (var function in graph.LocalFunctions)
            {
                if (Branches(graph.GetLocalFunctionControlFlowGraph(function, CancellationToken.None)))
                {
                    return true;
                }
            }

            foreach (var lambda in graph.Blocks.SelectMany(b => b.Operations.Concat(b.BranchValue is null ? Enumerable.Empty<IOperation>() : new[] { b.BranchValue }))
                .SelectMany(o => o.DescendantsAndSelf()).OfType<IFlowAnonymousFunctionOperation>())
            {
                if (Branches(graph.GetAnonymousFunctionControlFlowGraph(lambda, CancellationToken.None)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
