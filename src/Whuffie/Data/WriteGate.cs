using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Whuffie.Data;

/// <summary>
/// Write transactions. SQLite allows one writer at a time; left to itself, every other writer
/// sleeps in the busy handler and retries, which under load turns into long, random waits
/// (and deferred transactions that read first can fail to upgrade their lock). So on SQLite the
/// writers of this process queue on one semaphore and take turns without sleeping; PostgreSQL
/// needs no gate, its row locks do the work.
/// </summary>
public static class WriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>
    /// Begins a write. <paramref name="waitForDisk"/> false (votes) lets PostgreSQL answer before
    /// the commit is on disk, as SQLite's synchronous=NORMAL does: a crash of the server can lose
    /// the last fraction of a second of such writes, never consistency; in exchange the hot row
    /// is locked for a commit, not for a disk flush.
    /// </summary>
    public static async Task<WriteTransaction> BeginWriteAsync(this WhuffieDb db, CancellationToken ct, bool waitForDisk = true)
    {
        SemaphoreSlim? gate = null;
        if (db.Database.IsSqlite())
        {
            gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(ct);
        }
        try
        {
            var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!waitForDisk && db.Database.IsNpgsql())
                await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit = off", ct);
            return new WriteTransaction(transaction, gate);
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }
}

/// <summary>A transaction that lets the next writer in when it ends, committed or not.</summary>
public sealed class WriteTransaction(IDbContextTransaction transaction, SemaphoreSlim? gate) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken ct) => transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        try { await transaction.DisposeAsync(); }
        finally { gate?.Release(); }
    }
}
