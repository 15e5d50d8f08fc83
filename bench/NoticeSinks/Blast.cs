using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Whuffie.Bench.NoticeSinks;

/// <summary>
/// The ceiling: each sink driven by the barest client of its protocol, at the concurrency the
/// app's channel uses (4 SMTP connections, 32 pushes in flight), with messages of the size the
/// app sends. Prints messages per second.
/// </summary>
public static class Blast
{
    public static async Task<int> SmtpAsync(int port, int messages, int connections)
    {
        // About what a notice email weighs: headers, a text part and an HTML part.
        var body = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("Forventet tilbage kl. 14:00. Strømafbrydelse i Søborg.\r\n", 50))
            .Replace("ø", "o", StringComparison.Ordinal) + "\r\n.\r\n");
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
        {
            using var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync("127.0.0.1", port);
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            await ExpectAsync(reader);
            await CommandAsync(stream, reader, "EHLO blast.whuffie.test");
            for (var i = c; i < messages; i += connections)
            {
                await CommandAsync(stream, reader, "MAIL FROM:<noreply@whuffie.test>");
                await CommandAsync(stream, reader, $"RCPT TO:<person{i}@example.dk>");
                await CommandAsync(stream, reader, "DATA");
                await stream.WriteAsync(body);
                await ExpectAsync(reader);
                await CommandAsync(stream, reader, "RSET");
            }
            await CommandAsync(stream, reader, "QUIT");
        }));
        Console.WriteLine($"{messages / watch.Elapsed.TotalSeconds:F0}");
        return 0;
    }

    public static async Task<int> PushAsync(string url, int messages, int parallel)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = parallel });
        var payload = new byte[600];
        Random.Shared.NextBytes(payload);
        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, messages, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/push/{i}") { Content = new ByteArrayContent(payload) };
            request.Headers.TryAddWithoutValidation("TTL", "86400");
            request.Headers.TryAddWithoutValidation("Urgency", "high");
            request.Headers.TryAddWithoutValidation("Authorization", "vapid t=" + new string('x', 300) + ", k=" + new string('y', 87));
            request.Content.Headers.TryAddWithoutValidation("Content-Encoding", "aes128gcm");
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
        });
        Console.WriteLine($"{messages / watch.Elapsed.TotalSeconds:F0}");
        return 0;
    }

    private static async Task CommandAsync(NetworkStream stream, StreamReader reader, string command)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        await ExpectAsync(reader);
    }

    /// <summary>Reads one reply, all its lines ("250-…" continues, "250 …" ends it).</summary>
    private static async Task ExpectAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line[0] is '4' or '5') throw new InvalidOperationException("The sink refused: " + line);
            if (line.Length < 4 || line[3] == ' ') return;
        }
        throw new IOException("The sink closed the connection.");
    }
}
