using System.Diagnostics;

namespace Whuffie.Tests.Infrastructure;

/// <summary>Debian's python3-feedparser, the parser many feed readers are built on, reading our feed.</summary>
public static class FeedParser
{
    private const string Script = """
        import sys, json, feedparser
        d = feedparser.parse(sys.stdin.buffer.read())
        f = d.feed
        print(json.dumps({"version": d.version, "bozo": bool(d.bozo), "bozo_exception": str(d.get("bozo_exception", "")),
            "title": f.get("title"), "id": f.get("id"), "language": f.get("language"), "updated": f.get("updated"),
            "links": {l.get("rel"): l.get("href") for l in f.get("links", [])},
            "titles": [e.title for e in d.entries], "ids": [e.id for e in d.entries],
            "content_types": [e.content[0].type for e in d.entries if "content" in e]}))
        """;

    public static async Task<JsonElement> ParseAsync(string xml)
    {
        var python = Environment.GetEnvironmentVariable("WHUFFIE_PYTHON") ?? "/usr/bin/python3";
        var start = new ProcessStartInfo(python, ["-c", Script]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
        await process.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(xml));
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (errors.Contains("No module named 'feedparser'", StringComparison.Ordinal))
            Assert.Fail($"{python} cannot import feedparser: install Debian's python3-feedparser (apt-get install python3-feedparser); test.sh does.");
        Assert.True(process.ExitCode == 0, errors);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
