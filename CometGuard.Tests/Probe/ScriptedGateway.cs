using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Probe;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CometGuard.Tests.Probe
{
    /// <summary>One request as the scripted gateway saw it.</summary>
    internal sealed record GatewayRequest(RequestType Type, int Attempt, string Path, string? Authorization, string Body);

    /// <summary>
    /// A real Kestrel server on 127.0.0.1 (port 0) answering the probe from a script: one responder per
    /// happy-path attempt (the last repeats) and one for the error path. It counts requests server-side.
    /// </summary>
    internal sealed class ScriptedGateway : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<GatewayRequest> _requests = new();
        private readonly IReadOnlyList<Func<HttpContext, Task>> _happy;
        private readonly Func<HttpContext, Task> _error;
        private int _happyCount;
        private int _errorCount;

        private ScriptedGateway(WebApplication app, IReadOnlyList<Func<HttpContext, Task>> happy, Func<HttpContext, Task> error)
        {
            _app = app;
            _happy = happy;
            _error = error;
        }

        /// <summary>The base address the probe should use: <c>http://127.0.0.1:port/v1/</c>.</summary>
        public Uri BaseAddress { get; private set; } = null!;

        public IReadOnlyList<GatewayRequest> Requests => _requests.ToArray();

        public int RequestCount => _requests.Count;

        public int HappyCount => Volatile.Read(ref _happyCount);

        public int ErrorCount => Volatile.Read(ref _errorCount);

        public static Task<ScriptedGateway> StartAsync(Func<HttpContext, Task> happy, Func<HttpContext, Task> error)
            => StartAsync(new[] { happy }, error);

        public static async Task<ScriptedGateway> StartAsync(IReadOnlyList<Func<HttpContext, Task>> happy, Func<HttpContext, Task> error)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var gateway = new ScriptedGateway(app, happy, error);
            app.Run(gateway.HandleAsync);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            gateway.BaseAddress = new Uri(address.TrimEnd('/') + "/v1/");
            return gateway;
        }

        public async ValueTask DisposeAsync()
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _app.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Stalled responses are abandoned; the process-level dispose below closes them.
            }

            await _app.DisposeAsync();
        }

        private async Task HandleAsync(HttpContext context)
        {
            string body;
            using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            var type = IsHappyPath(body) ? RequestType.HappyPath : RequestType.ErrorPath;
            var attempt = type == RequestType.HappyPath ? Interlocked.Increment(ref _happyCount) : Interlocked.Increment(ref _errorCount);
            _requests.Enqueue(new GatewayRequest(type, attempt, context.Request.Path, context.Request.Headers.Authorization.ToString(), body));
            var responder = type == RequestType.HappyPath ? _happy[Math.Min(attempt, _happy.Count) - 1] : _error;
            await responder(context);
        }

        private static bool IsHappyPath(string body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                return document.RootElement.TryGetProperty("messages", out _) || document.RootElement.TryGetProperty("input", out _);
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }

    /// <summary>Scripted answers.</summary>
    internal static class Reply
    {
        public static Func<HttpContext, Task> Json(int status, string json, params (string Name, string Value)[] headers) => async context =>
        {
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        };

        public static Func<HttpContext, Task> Text(int status, string contentType, string text) => async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(text);
        };

        public static Func<HttpContext, Task> Html(int status) =>
            Text(status, "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Docs</title></head><body><h1>Welcome</h1></body></html>");

        public static Func<HttpContext, Task> Redirect(int status, string location) => context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        };

        /// <summary>Headers and the start of a JSON body, then silence until the client gives up.</summary>
        public static Func<HttpContext, Task> StallBody() => async context =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"id\":\"chatcmpl-1\",\"object\":");
            await context.Response.Body.FlushAsync();
            await WaitForAbortAsync(context);
        };

        /// <summary>No status line at all until the client gives up.</summary>
        public static Func<HttpContext, Task> StallHeaders() => WaitForAbortAsync;

        /// <summary>A chunked body of <paramref name="bytes"/> bytes (no Content-Length, so the probe must cap its read).</summary>
        public static Func<HttpContext, Task> Huge(int bytes, bool withContentLength) => async context =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            if (withContentLength)
            {
                context.Response.ContentLength = bytes;
            }

            var chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
            var prefix = Encoding.ASCII.GetBytes("{\"id\":\"chatcmpl-1\",\"pad\":\"");
            try
            {
                await context.Response.Body.WriteAsync(prefix, context.RequestAborted);
                var written = prefix.Length;
                while (written < bytes)
                {
                    var count = Math.Min(chunk.Length, bytes - written);
                    await context.Response.Body.WriteAsync(chunk.AsMemory(0, count), context.RequestAborted);
                    written += count;
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // The probe stops reading at 64 KiB and drops the connection: expected.
            }
        };

        public static Func<HttpContext, Task> Abort() => context =>
        {
            context.Abort();
            return Task.CompletedTask;
        };

        private static async Task WaitForAbortAsync(HttpContext context)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client timed out and closed the connection.
            }
        }
    }
}
