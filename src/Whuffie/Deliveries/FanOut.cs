using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Whuffie.Deliveries;

/// <summary>
/// Where one notice update's fan-out stands on one channel. The fan-out's rows are written fresh
/// (Pending, no DueAt), so they stay out of the queue index: its entries cost a large share of a
/// publish to 200,000 on PostgreSQL (docs/benchmarks.md), paid before the first message could
/// leave. Workers claim fresh rows in Id order from <see cref="NextId"/> to <see cref="LastId"/>;
/// a claimed row gets its DueAt (the lease's end) and from then on lives in the queue like any
/// other. The cursor moves in the claim's transaction, so a crash loses no row and claims none twice.
/// </summary>
public sealed class FanOut
{
    /// <summary>The channels the fan-out writes rows for: those people subscribe on.</summary>
    public static readonly Channel[] Channels = [Channel.Email, Channel.Push, Channel.Sms];

    public long NoticeUpdateId { get; set; }
    public Channel Channel { get; set; }
    public long NextId { get; set; }
    public long LastId { get; set; }

    /// <summary>No tenant filter: only the workers read it, for every organization at once. Applied with the provider, like Delivery's.</summary>
    internal sealed class Mapping(bool npgsql) : IEntityTypeConfiguration<FanOut>
    {
        public void Configure(EntityTypeBuilder<FanOut> e)
        {
            e.HasKey(f => new { f.NoticeUpdateId, f.Channel });
            if (npgsql) e.Property(f => f.Channel).UseCollation("C");
        }
    }
}
