// The namespaces nearly every analyzer file uses: the compiler's symbol, operation and analysis APIs, and the
// analyzers' own engine and domains.
global using System.Collections.Immutable;
global using CometGuard.Analyzers.Bodies;
global using CometGuard.Analyzers.Configuration;
global using CometGuard.Analyzers.Endpoints;
global using CometGuard.Analyzers.Logging;
global using CometGuard.Analyzers.Manifest;
global using CometGuard.Analyzers.Engine;
global using CometGuard.Analyzers.Responses;
global using CometGuard.Analyzers.Retry;
global using CometGuard.Analyzers.Secrets;
global using CometGuard.Analyzers.Sinks;
global using Microsoft.CodeAnalysis;
global using Microsoft.CodeAnalysis.Diagnostics;
global using Microsoft.CodeAnalysis.Operations;
