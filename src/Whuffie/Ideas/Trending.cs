namespace Whuffie.Ideas;

/// <summary>
/// Trending = the sum of every vote's and comment's weight, each decaying by half every
/// <see cref="HalfLifeDays"/> days. Because all scores decay at the same rate, ordering by
/// Σ w·2^((t − epoch)/h) gives the same order as the decayed sum at any moment, so the
/// score is stored, changed by a constant at each event, and indexed; nothing is
/// recomputed at read time. The numbers grow by 2^52 a year; a double holds them until
/// about 2045, when a migration can rebase the epoch (divide every score by one constant).
/// </summary>
public static class Trending
{
    public const double HalfLifeDays = 7;
    public const double SubmitPoints = 1;
    public const double VotePoints = 1;
    public const double CommentPoints = 2;

    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static double Weight(double points, DateTime at) =>
        points * Math.Pow(2, (at - Epoch).TotalDays / HalfLifeDays);
}
