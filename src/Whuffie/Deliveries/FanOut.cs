namespace Whuffie.Deliveries;

/// <summary>
/// Where one notice update's fan-out stands on one channel. The fan-out's rows are written fresh
/// (Pending, no DueAt), so they stay out of the queue index: each entry there cost 0.2–0.35 s of a
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
}
