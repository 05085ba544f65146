using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Probe;

namespace CometGuard.Tests.Probe
{
    /// <summary>
    /// A raw TCP listener on 127.0.0.1 speaking just enough HTTP/1.1 to reset a connection with a
    /// real RST (linger 0) after reading the request, which Kestrel cannot be scripted to do.
    /// </summary>
    internal sealed class RawTcpGateway : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Func<RequestType, NetworkStream, Socket, Task> _respond;
        private readonly List<Task> _connections = new();
        private readonly Task _acceptLoop;
        private int _happyCount;
        private int _errorCount;

        public RawTcpGateway(Func<RequestType, NetworkStream, Socket, Task> respond)
        {
            _respond = respond;
            _listener.Start();
            BaseAddress = new Uri("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/v1/");
            _acceptLoop = AcceptAsync();
        }

        public Uri BaseAddress { get; }

        public int HappyCount => Volatile.Read(ref _happyCount);

        public int ErrorCount => Volatile.Read(ref _errorCount);

        /// <summary>Sends an RST: linger on with a zero timeout, then close.</summary>
        public static Task Reset(RequestType type, NetworkStream stream, Socket socket)
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
            return Task.CompletedTask;
        }

        public static async Task JsonAsync(NetworkStream stream, int status, string json)
        {
            var body = Encoding.UTF8.GetBytes(json);
            var head = Encoding.ASCII.GetBytes(
                "HTTP/1.1 " + status + " Status\r\nContent-Type: application/json\r\nContent-Length: " + body.Length + "\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(head);
            await stream.WriteAsync(body);
            await stream.FlushAsync();
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            try
            {
                await _acceptLoop;
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopping the listener ends the loop.
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                lock (_connections)
                {
                    _connections.Add(Task.Run(() => ServeAsync(socket)));
                }
            }
        }

        private async Task ServeAsync(Socket socket)
        {
            using var stream = new NetworkStream(socket, ownsSocket: true);
            try
            {
                var request = await ReadRequestAsync(stream);
                var type = request.Contains("\"messages\"", StringComparison.Ordinal) || request.Contains("\"input\"", StringComparison.Ordinal)
                    ? RequestType.HappyPath
                    : RequestType.ErrorPath;
                Interlocked.Increment(ref type == RequestType.HappyPath ? ref _happyCount : ref _errorCount);
                await _respond(type, stream, socket);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                // The client went away.
            }
        }

        private static async Task<string> ReadRequestAsync(NetworkStream stream)
        {
            var buffer = new byte[16 * 1024];
            var total = 0;
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(total));
                if (read == 0)
                {
                    return Encoding.UTF8.GetString(buffer, 0, total);
                }

                total += read;
                var text = Encoding.UTF8.GetString(buffer, 0, total);
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end < 0)
                {
                    continue;
                }

                var length = 0;
                foreach (var line in text.Substring(0, end).Split("\r\n"))
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        length = int.Parse(line.Substring("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    }
                }

                if (Encoding.UTF8.GetByteCount(text) - (end + 4) >= length)
                {
                    return text;
                }
            }
        }
    }
}
