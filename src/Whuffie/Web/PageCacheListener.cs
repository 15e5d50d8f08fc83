using Npgsql;

namespace Whuffie.Web;

/// <summary>
/// On PostgreSQL: holds one connection that LISTENs on <see cref="PageCache.Channel"/> and
/// empties this instance's page cache whenever any instance announces a change. Waits on the
/// socket (no polling); when the connection breaks it reconnects, and empties the cache on
/// every (re)connect because what was announced meanwhile went unheard.
/// </summary>
public sealed class PageCacheListener(IConfiguration config, IServiceProvider services, TimeProvider clock, ILogger<PageCacheListener> log)
    : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(config.GetConnectionString("Whuffie"))
    {
        // Its own connection, never returned to a pool; the keepalive makes a dead server or
        // network show up as an error while waiting, instead of a wait that never ends.
        Pooling = false,
        KeepAlive = 15,
        ApplicationName = "whuffie page cache listener",
    }.ToString();

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the listener has connected for the first time (and emptied what was cached before).</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var retryDelay = TimeSpan.FromSeconds(1);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() =>
                {
                    retryDelay = TimeSpan.FromSeconds(1);
                    _listening.TrySetResult();
                }, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Lost the page cache channel; listening again in {Delay}.", retryDelay);
                try { await Task.Delay(retryDelay, clock, stop); } catch (OperationCanceledException) { return; }
                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    private async Task ListenAsync(Action connected, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        // Scopes announced since the last wait (see PageCache.EvictHereAsync); "" stands for everything.
        var heard = new HashSet<string>(StringComparer.Ordinal);
        connection.Notification += (_, e) => heard.Add(e.Payload);
        await connection.OpenAsync(stop);
        await using (var listen = new NpgsqlCommand("LISTEN " + PageCache.Channel, connection))
            await listen.ExecuteNonQueryAsync(stop);
        await PageCache.EvictHereAsync(services, null, stop);
        connected();
        log.LogInformation("Listening for page cache changes on channel {Channel}.", PageCache.Channel);

        while (true)
        {
            await connection.WaitAsync(stop);
            // Notifications arrive inside WaitAsync, on this thread; several may come in one read.
            var scopes = heard.Contains("") ? [""] : heard.ToList();
            heard.Clear();
            foreach (var scope in scopes) await PageCache.EvictHereAsync(services, scope, stop);
        }
    }
}
