using System.Diagnostics;
using System.Net.Sockets;

namespace Whuffie.ScaleOutTests.Infrastructure;

/// <summary>
/// Debian's nginx as the load balancer: a child process (no daemon) with a generated config in
/// a temporary folder, listening on a loopback port, sending requests round-robin to the
/// instances. Each answer says which instance made it (X-Upstream), so tests can see the spread.
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private Nginx(Process process, string folder, Uri url)
    {
        _process = process;
        _folder = folder;
        Url = url;
    }

    public Uri Url { get; }

    public static string ExecutablePath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("WHUFFIE_NGINX") is { Length: > 0 } p ? p : "/usr/sbin/nginx";
            return File.Exists(path) ? path
                : throw new InvalidOperationException($"nginx is not at {path}; install Debian's 'nginx' package (./test.sh does, as root) or set WHUFFIE_NGINX.");
        }
    }

    public static async Task<Nginx> StartAsync(IEnumerable<Uri> upstreams)
    {
        var executable = ExecutablePath;
        var folder = Directory.CreateTempSubdirectory("whuffie-nginx-").FullName;
        var port = FreeLoopbackPort();
        var servers = string.Concat(upstreams.Select(u => $"    server {u.Host}:{u.Port};\n"));
        // As root, nginx hands its workers to an unprivileged user, who must be able to use the folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 512; }
            http {
              access_log {{folder}}/access.log;
              client_body_temp_path {{folder}}/client_body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              upstream whuffie {
            {{servers}}    keepalive 32;
              }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://whuffie;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  add_header X-Upstream $upstream_addr always;
                }
              }
            }
            """);

        var info = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log") })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("nginx did not start.");
        var nginx = new Nginx(process, folder, new Uri($"http://127.0.0.1:{port}"));
        await nginx.WaitUntilListeningAsync(port);
        return nginx;
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()} {ErrorLog}");
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException($"nginx did not listen on port {port} within 20 s. {ErrorLog}");
    }

    private string ErrorLog => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
