using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
namespace Whuffie.Background;

/// <summary>
/// One piece of background work: a row in the Jobs table, added in the same transaction as
/// the change that causes it (an outbox), so a crash can lose neither the change nor its work.
/// Workers claim a job with a lease (<see cref="JobQueue"/>); one column, <see cref="DueAt"/>,
/// says when it may be claimed next.
/// </summary>
public sealed class Job
{
    public const int KindMaxLength = 100;
    public const int WorkerMaxLength = 200;
    public const int ErrorMaxLength = 2000;

    public long Id { get; set; }

    /// <summary>Which <see cref="IJobHandler"/> runs it, e.g. "probe".</summary>
    public string Kind { get; set; } = "";

    /// <summary>The handler's input, as JSON.</summary>
    public string Payload { get; set; } = "{}";

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// When a worker may claim the job: at first when it was enqueued; while a worker holds it,
    /// the end of that worker's lease (so a crashed worker's job comes back by itself); after a
    /// failure, the time of the retry; null once it is done or given up.
    /// </summary>
    public DateTime? DueAt { get; set; }

    /// <summary>How many times a worker has claimed it; with <see cref="LeasedBy"/>, names one lease.</summary>
    public int Attempts { get; set; }

    /// <summary>The worker holding the lease, or the last one that did.</summary>
    public string? LeasedBy { get; set; }

    public DateTime? CompletedAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>Not tenant-owned: a job names its organization in its payload when it has one.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<Job>
    {
        public void Configure(EntityTypeBuilder<Job> e)
        {
            e.Property(j => j.Kind).HasMaxLength(KindMaxLength);
            e.Property(j => j.LeasedBy).HasMaxLength(WorkerMaxLength);
            e.Property(j => j.LastError).HasMaxLength(ErrorMaxLength);
            e.HasIndex(j => j.DueAt);
        }
    }
}
