using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Whuffie.Bench.NoticeSinks;

/// <summary>
/// An SMTP server that says yes to everything (RFC 5321's replies, no parsing beyond finding the
/// end of the data) and a push service that answers 201 to every POST (RFC 8030 §5). Both only
/// note the arrival time, so the receiver costs as little as it can.
/// </summary>
public static class Sinks
{
    public static readonly Arrivals Email = new();
    public static readonly Arrivals Push = new();

    public static async Task<int> ServeAsync(string control)
    {
        var smtp = new TcpListener(IPAddress.Loopback, 0);
        smtp.Start(1024);
        _ = AcceptAsync(smtp);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(control);
        var app = builder.Build();
        app.MapPost("/push/{id}", async (HttpContext http) =>
        {
            await http.Request.Body.CopyToAsync(Stream.Null);
            Push.Add();
            return Results.StatusCode(201);
        });
        app.MapGet("/stats", (int expected) => Results.Json(new { email = Email.Stats(expected), push = Push.Stats(expected) }));
        app.MapPost("/reset", () =>
        {
            Email.Reset();
            Push.Reset();
            return Results.NoContent();
        });
        await app.StartAsync();
        Console.WriteLine($$"""{"smtp":{{((IPEndPoint)smtp.LocalEndpoint).Port}}}""");
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            var client = await listener.AcceptTcpClientAsync();
            _ = Task.Run(() => SessionAsync(client));
        }
    }

    private static async Task SessionAsync(TcpClient client)
    {
        using var _ = client;
        client.NoDelay = true;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.Latin1, false, 64 * 1024);
        var writer = new StreamWriter(stream, Encoding.ASCII, 4096) { NewLine = "\r\n", AutoFlush = false };
        try
        {
            await ReplyAsync(writer, "220 sink.whuffie.test ESMTP");
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await ReplyAsync(writer, "250-sink.whuffie.test\r\n250-SIZE 52428800\r\n250 8BITMIME");
                        break;
                    case "DATA":
                        await ReplyAsync(writer, "354 go ahead");
                        while (await reader.ReadLineAsync() is { } data && data != ".") { }
                        Email.Add();
                        await ReplyAsync(writer, "250 2.0.0 taken");
                        break;
                    case "QUIT":
                        await ReplyAsync(writer, "221 bye");
                        return;
                    default: // HELO, MAIL, RCPT, RSET, NOOP
                        await ReplyAsync(writer, "250 OK");
                        break;
                }
            }
        }
        catch (IOException)
        {
            // The client went away mid-session: nothing to answer.
        }
    }

    private static async Task ReplyAsync(StreamWriter writer, string reply)
    {
        await writer.WriteLineAsync(reply);
        await writer.FlushAsync();
    }
}
