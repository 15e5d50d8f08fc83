using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using Whuffie.Deliveries.Push;

namespace Whuffie.Tests.Notices.Push;

/// <summary>
/// A push service for a test class: npm's web-push-testing, which checks the VAPID token
/// against the subscription's applicationServerKey and decrypts what it receives. Its server
/// runs as our child process on a free 127.0.0.1 port and ends with the fixture.
/// </summary>
public sealed class PushServiceEmulator : IAsyncLifetime
{
    private const string Variable = "WHUFFIE_WEB_PUSH_TESTING";

    private const string Missing = "The Web Push tests need npm's web-push-testing: run `npm ci` in tests/webpush " +
        "(or `npm install web-push-testing`) and set " + Variable + " to the absolute path of its node_modules/.bin/web-push-testing; ./test.sh does both.";

    // Its CLI's "start" detaches the server and tracks it in a file; starting the server
    // module here instead keeps it our child, on loopback only (it would listen on all
    // addresses) and hands out endpoints on 127.0.0.1 rather than "localhost".
    private const string Launcher = """
        const [root, port] = [process.argv[1], Number(process.argv[2])];
        const Server = require(root + '/src/server.js');
        const { PushApiModel } = require(root + '/src/PushApiModel.js');
        const model = new PushApiModel();
        const server = new Server(model, port);
        model.notifyUrl = 'http://127.0.0.1:' + port + '/notify/';
        const listen = server._app.listen.bind(server._app);
        server._app.listen = (p, done) => listen(p, '127.0.0.1', done);
        server.startServer();
        """;

    private readonly StringBuilder _log = new();
    private Process? _process;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>
    /// The emulator's log once it mentions <paramref name="text"/>, or after five seconds: it answers
    /// the HTTP request before its own output reaches us, so reading the log at once races it.
    /// </summary>
    public async Task<string> LogMentioningAsync(string text)
    {
        for (var waited = 0; waited < 5_000 && !Log.Contains(text, StringComparison.Ordinal); waited += 20) await Task.Delay(20);
        return Log;
    }

    public async Task InitializeAsync()
    {
        var setting = Environment.GetEnvironmentVariable(Variable);
        var root = PackageRoot(setting) ?? throw new InvalidOperationException(string.IsNullOrEmpty(setting)
            ? $"{Variable} is not set. {Missing}"
            : $"{Variable} is '{setting}', where no web-push-testing is installed. {Missing}");
        var port = FreePort();
        Http.BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var info = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-e", Launcher, root, port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(arg);
        try
        {
            _process = Process.Start(info) ?? throw new InvalidOperationException($"node did not start. {Missing}");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot run node (web-push-testing needs Node.js 20 or later on PATH): {e.Message}. {Missing}", e);
        }
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var waited = Stopwatch.StartNew();
        while (!_process.HasExited && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                using var status = await Http.PostAsync("status", null);
                if (status.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"web-push-testing from {root} did not answer on port {port}. {Missing}\n{Log}");
    }

    /// <summary>What a browser does on pushManager.subscribe({applicationServerKey}).</summary>
    public async Task<(PushTarget Target, string ClientHash)> SubscribeAsync(string applicationServerKey)
    {
        using var response = await Http.PostAsJsonAsync("subscribe", new { applicationServerKey });
        var data = await Data(response);
        var keys = data.GetProperty("keys");
        return (new PushTarget(data.GetProperty("endpoint").GetString()!, keys.GetProperty("p256dh").GetString()!, keys.GetProperty("auth").GetString()!),
            data.GetProperty("clientHash").GetString()!);
    }

    /// <summary>The subscription's pushes from now on get 410 Gone, as after the browser unsubscribes.</summary>
    public async Task ExpireAsync(string clientHash)
    {
        using var response = await Http.PostAsync($"expire-subscription/{clientHash}", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The payloads the emulator decrypted for this subscription, as UTF-8 text.</summary>
    public async Task<IReadOnlyList<string>> NotificationsAsync(string clientHash)
    {
        using var response = await Http.PostAsJsonAsync("get-notifications", new { clientHash });
        return (await Data(response)).GetProperty("messages").EnumerateArray().Select(m => m.GetString()!).ToList();
    }

    private async Task<JsonElement> Data(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}\n{Log}");
        return JsonDocument.Parse(text).RootElement.GetProperty("data").Clone();
    }

    /// <summary>The package folder, from node_modules/.bin/web-push-testing, the .bin or node_modules folder, or the package itself.</summary>
    private static string? PackageRoot(string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        if (File.Exists(path))
        {
            // .bin/web-push-testing links to <package>/src/bin/cli.js.
            var cli = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
            return PackageRoot(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(cli))));
        }
        if (File.Exists(Path.Combine(path, "src", "server.js")) && File.Exists(Path.Combine(path, "src", "PushApiModel.js")))
            return Path.GetFullPath(path);
        if (File.Exists(Path.Combine(path, "web-push-testing"))) return PackageRoot(Path.Combine(path, "web-push-testing"));
        var package = Path.Combine(path, "web-push-testing");
        if (Directory.Exists(package)) return PackageRoot(package);
        var nodeModules = Path.Combine(path, "node_modules");
        return Directory.Exists(nodeModules) ? PackageRoot(nodeModules) : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
