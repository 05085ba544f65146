// The namespaces nearly every fix file uses.
global using System.Collections.Immutable;
global using System.Threading;
global using System.Threading.Tasks;
global using CometGuard.Analyzers;
global using CometGuard.Analyzers.Rules;
global using CometGuard.Analyzers.Sinks;
global using CometGuard.CodeFixes.Infrastructure;
global using Microsoft.CodeAnalysis;
global using Microsoft.CodeAnalysis.CodeActions;
global using Microsoft.CodeAnalysis.CodeFixes;
global using Microsoft.CodeAnalysis.CSharp;
global using Microsoft.CodeAnalysis.CSharp.Syntax;
