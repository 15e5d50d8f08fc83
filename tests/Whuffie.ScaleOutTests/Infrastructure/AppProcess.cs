using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Whuffie.ScaleOutTests.Infrastructure;

/// <summary>
/// The built application (whuffie.dll) in a process of its own, run the way an operator runs
/// it: `dotnet whuffie.dll`, configured only through environment variables, its console log
/// kept for the tests to read.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly List<string> _log = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    /// <summary>Where it listens, e.g. http://127.0.0.1:41234; Kestrel picks a free port and says which.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Its console log so far.</summary>
    public IReadOnlyList<string> Log
    {
        get { lock (_log) return [.. _log]; }
    }

    public static string DllPath =>
        Environment.GetEnvironmentVariable("WHUFFIE_DLL") is { Length: > 0 } path ? path
        : typeof(AppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "WhuffieDll").Value!;

    /// <summary>Starts the web server on a loopback port and waits until it listens.</summary>
    public static async Task<AppProcess> StartServerAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var app = new AppProcess(name, Create([], new Dictionary<string, string>(settings) { ["Urls"] = "http://127.0.0.1:0" }));
        app._process.OutputDataReceived += (_, e) => app.Receive(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Receive(e.Data);
        app._process.EnableRaisingEvents = true;
        app._process.Exited += (_, _) => app._listening.TrySetException(
            new InvalidOperationException($"Instance {name} exited before it listened:\n{string.Join('\n', app.Log)}"));
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        app.Url = await app._listening.Task.WaitAsync(StartTimeout);
        return app;
    }

    /// <summary>Runs an operator command (`whuffie migrate`, `whuffie jobs probe …`) to its end and returns what it printed.</summary>
    public static async Task<string> RunCommandAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        using var process = Create(args, settings);
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(StartTimeout);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`whuffie {string.Join(' ', args)}` exited with {process.ExitCode}:\n{await output}{await errors}");
        return await output;
    }

    /// <summary>The sections under <c>RateLimits</c> (Whuffie.Limits.RateLimitSettings); this suite does not reference the app's assembly.</summary>
    private static readonly string[] RateLimits = ["SignIn", "SignUp", "PasswordReset", "MagicLink", "Confirm", "Comment", "Vote", "Search", "Similar"];

    private static Process Create(string[] args, IReadOnlyDictionary<string, string> settings)
    {
        var dll = DllPath;
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing; build the solution first (./test.sh does).");
        // `dotnet test` tells its children which dotnet runs it; plain `dotnet` otherwise.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // Every visitor of the suite comes from 127.0.0.1 (through nginx or not): no rate limit may
        // stop them (a test's own settings still win).
        foreach (var limit in RateLimits) info.Environment[$"RateLimits__{limit}__Permits"] = "1000000";
        foreach (var (key, value) in settings) info.Environment[key] = value;
        return new Process { StartInfo = info };
    }

    private void Receive(string? line)
    {
        if (line is null) return;
        lock (_log) _log.Add(line);
        if (ListeningLine().Match(line) is { Success: true } m) _listening.TrySetResult(new Uri(m.Groups[1].Value));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException) { } // never started
        _process.Dispose();
    }

    public override string ToString() => $"{Name} ({Url})";

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
