using Npgsql;

namespace Whuffie.Web;

/// <summary>
/// Tells the other instances (PostgreSQL NOTIFY on <see cref="PageCache.Channel"/>) which
/// organizations changed. PostgreSQL serialises every transaction that notifies on one global
/// lock held through its commit, so one NOTIFY per vote capped all writes at one commit at a
/// time. Announcements are therefore grouped: while one batch is being sent, the next ones
/// gather, and each caller waits for the batch that carries its organization, so a person
/// still hears back only after every instance has been told. The batch commits without
/// waiting for the disk: a notification is not data, and a lost one is covered by the
/// listeners emptying their caches when they reconnect.
/// </summary>
public sealed class ChangeAnnouncer(IConfiguration config) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(config.GetConnectionString("Whuffie"))
    {
        ApplicationName = "whuffie change announcer",
    });
    private readonly Lock _lock = new();
    private HashSet<string> _pending = new(StringComparer.Ordinal);
    private TaskCompletionSource _next = NewBatch();
    private bool _sending;

    /// <summary>Announces a change (a scope of <see cref="PageCache.EvictHereAsync"/>); completes once the batch carrying it is sent.</summary>
    public Task AnnounceAsync(string scope)
    {
        lock (_lock)
        {
            _pending.Add(scope);
            var batch = _next.Task;
            if (!_sending)
            {
                _sending = true;
                _ = Task.Run(SendAllAsync);
            }
            return batch;
        }
    }

    private async Task SendAllAsync()
    {
        while (true)
        {
            HashSet<string> scopes;
            TaskCompletionSource batch;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    _sending = false;
                    return;
                }
                (scopes, _pending) = (_pending, new HashSet<string>(StringComparer.Ordinal));
                (batch, _next) = (_next, NewBatch());
            }
            try
            {
                await SendAsync(scopes.Contains("") ? [""] : scopes);
                batch.SetResult();
            }
            catch (Exception e)
            {
                batch.SetException(e);
            }
        }
    }

    private async Task SendAsync(IReadOnlyCollection<string> scopes)
    {
        await using var connection = await _source.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, tx);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
        foreach (var scope in scopes)
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_notify($1, $2)") { Parameters = { new() { Value = PageCache.Channel }, new() { Value = scope } } });
        await batch.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    private static TaskCompletionSource NewBatch() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
