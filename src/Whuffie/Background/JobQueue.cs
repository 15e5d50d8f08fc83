using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;

namespace Whuffie.Background;

/// <summary>A job as its worker holds it. Worker and Attempt together name the lease.</summary>
public sealed record ClaimedJob(long Id, string Kind, string Payload, int Attempt, string Worker);

/// <summary>
/// The lease rules. Enqueue adds a row to the caller's unit of work; Claim takes the oldest due
/// job and pushes its DueAt to the end of the lease in one statement, so two workers never hold
/// the same job; Complete and Fail only touch the row while the lease is still the caller's.
/// </summary>
public static class JobQueue
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds a job to <paramref name="db"/> without saving: the caller's SaveChanges writes it in
    /// the same transaction as the change that causes it.
    /// </summary>
    public static Job Enqueue(this WhuffieDb db, string kind, object payload, DateTime now, DateTime? notBefore = null)
    {
        var job = new Job { Kind = kind, Payload = JsonSerializer.Serialize(payload, Json), CreatedAt = now, DueAt = notBefore ?? now };
        db.Jobs.Add(job);
        return job;
    }

    /// <summary>
    /// Puts a daily job's next run (at <paramref name="hour"/> UTC) in the queue unless one of its
    /// kind is already waiting besides <paramref name="running"/>: called when an instance starts,
    /// and by each run for the next, so a chain never breaks and never doubles for long.
    /// </summary>
    public static async Task ScheduleDailyAsync(this WhuffieDb db, string kind, int hour, DateTime now, long? running, CancellationToken ct)
    {
        if (await db.Jobs.AnyAsync(j => j.Kind == kind && j.CompletedAt == null && j.DueAt != null && j.Id != running, ct)) return;
        var next = now.Date.AddHours(hour);
        if (next <= now) next = next.AddDays(1);
        db.Enqueue(kind, new { }, now, next);
        await db.SaveChangesAsync(ct);
    }

    public static T ReadPayload<T>(this ClaimedJob job) =>
        JsonSerializer.Deserialize<T>(job.Payload, Json) ?? throw new InvalidOperationException($"Job {job.Id} has an empty payload.");

    /// <summary>Takes the oldest due job for <paramref name="lease"/>, or returns null when none is due.</summary>
    public static async Task<ClaimedJob?> ClaimAsync(WhuffieDb db, string worker, DateTime now, TimeSpan lease, CancellationToken ct = default)
    {
        // A plain read first: idle polling then never asks for SQLite's write lock.
        if (!await db.Jobs.AnyAsync(j => j.DueAt <= now, ct)) return null;

        var leaseEnd = now + lease;
        // PostgreSQL: SKIP LOCKED lets concurrent workers pass over a row another one is
        // claiming instead of queueing behind it. SQLite: one statement under the one write lock.
        var rows = db.Database.IsNpgsql()
            ? db.Database.SqlQuery<ClaimedRow>($"""
                UPDATE "Jobs" SET "DueAt" = {leaseEnd}, "LeasedBy" = {worker}, "Attempts" = "Attempts" + 1
                WHERE "Id" = (SELECT "Id" FROM "Jobs" WHERE "DueAt" <= {now} ORDER BY "DueAt", "Id" LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING "Id", "Kind", "Payload", "Attempts"
                """)
            : db.Database.SqlQuery<ClaimedRow>($"""
                UPDATE "Jobs" SET "DueAt" = {leaseEnd}, "LeasedBy" = {worker}, "Attempts" = "Attempts" + 1
                WHERE "Id" = (SELECT "Id" FROM "Jobs" WHERE "DueAt" <= {now} ORDER BY "DueAt", "Id" LIMIT 1)
                RETURNING "Id", "Kind", "Payload", "Attempts"
                """);
        var row = (await rows.ToListAsync(ct)).SingleOrDefault();
        return row is null ? null : new ClaimedJob(row.Id, row.Kind, row.Payload, row.Attempts, worker);
    }

    /// <summary>Marks the job done; false when the lease ran out and the job is no longer this worker's.</summary>
    public static async Task<bool> CompleteAsync(WhuffieDb db, ClaimedJob job, DateTime now, CancellationToken ct = default) =>
        await Leased(db, job).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.CompletedAt, now)
            .SetProperty(j => j.DueAt, (DateTime?)null), ct) == 1;

    /// <summary>
    /// Records the failure and schedules a retry, waiting longer each time (30 s, 1 min, 2 min, …
    /// at most an hour); after <paramref name="maxAttempts"/> the job is given up (DueAt null).
    /// </summary>
    public static async Task<bool> FailAsync(WhuffieDb db, ClaimedJob job, string error, DateTime now, int maxAttempts, CancellationToken ct = default)
    {
        DateTime? retryAt = job.Attempt >= maxAttempts ? null : now + RetryDelay(job.Attempt);
        if (error.Length > Job.ErrorMaxLength) error = error[..Job.ErrorMaxLength];
        return await Leased(db, job).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.DueAt, retryAt)
            .SetProperty(j => j.LastError, error), ct) == 1;
    }

    /// <summary>Hands an unfinished job back at once (the worker is stopping), without counting it as a failure.</summary>
    public static async Task<bool> ReleaseAsync(WhuffieDb db, ClaimedJob job, DateTime now, CancellationToken ct = default) =>
        await Leased(db, job).ExecuteUpdateAsync(s => s.SetProperty(j => j.DueAt, now), ct) == 1;

    public static TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Min(attempt - 1, 10))));

    private static IQueryable<Job> Leased(WhuffieDb db, ClaimedJob job) =>
        db.Jobs.Where(j => j.Id == job.Id && j.LeasedBy == job.Worker && j.Attempts == job.Attempt && j.CompletedAt == null);

    private sealed class ClaimedRow
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public string Payload { get; init; } = "";
        public int Attempts { get; init; }
    }
}
