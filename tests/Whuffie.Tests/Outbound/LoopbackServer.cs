using System.Globalization;
using System.Net.Sockets;

namespace Whuffie.Tests.Outbound;

/// <summary>
/// A bare HTTP/1.1 server on one loopback address, answering every request with one scripted
/// reply and counting the connections it accepted, so a test can tell a refused call (none) from
/// a made one. Raw sockets: it must be able to answer without end, or not at all.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Func<NetworkStream, CancellationToken, Task> _answer;
    private int _connections;

    public LoopbackServer(IPAddress address, Func<NetworkStream, CancellationToken, Task> answer, int port = 0)
    {
        _answer = answer;
        _listener = new TcpListener(address, port);
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>A reply with this status line, headers and body, then the connection closes.</summary>
    public static Func<NetworkStream, CancellationToken, Task> Reply(string status, string body = "", params string[] headers) => async (stream, ct) =>
    {
        var head = $"HTTP/1.1 {status}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head + body), ct);
    };

    /// <summary>200 with a chunked body that never ends: only a reader with a bound gets away.</summary>
    public static Func<NetworkStream, CancellationToken, Task> Endless() => async (stream, ct) =>
    {
        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray(), ct);
        var chunk = Encoding.ASCII.GetBytes($"4000\r\n{new string('x', 0x4000)}\r\n");
        while (!ct.IsCancellationRequested) await stream.WriteAsync(chunk, ct);
    };

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            Interlocked.Increment(ref _connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                await ReadHeadAsync(stream, _stop.Token);
                await _answer(stream, _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away, which is what the bounded reader is meant to do.
            }
        }
    }

    private static async Task ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var seen = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one, ct) == 1)
        {
            seen.Add(one[0]);
            if (seen.Count >= 4 && seen[^4] == '\r' && seen[^3] == '\n' && seen[^2] == '\r' && seen[^1] == '\n') break;
        }
        // Read the body too (the tests post small ones with a Content-Length): closing with it
        // unread would reset the connection before the client reads the reply.
        var length = Encoding.ASCII.GetString([.. seen]).Split("\r\n")
            .Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)).Select(l => int.Parse(l[15..].Trim(), CultureInfo.InvariantCulture)).FirstOrDefault();
        if (length > 0) await stream.ReadExactlyAsync(new byte[length], ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
