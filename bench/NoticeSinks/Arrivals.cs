namespace Whuffie.Bench.NoticeSinks;

/// <summary>When each message arrived (Unix ms), for first-delivery time and throughput.</summary>
public sealed class Arrivals
{
    private readonly Lock _lock = new();
    private List<double> _times = [];

    public void Add()
    {
        double now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_lock) _times.Add(now);
    }

    public void Reset()
    {
        lock (_lock) _times = [];
    }

    /// <summary>Count, first and last arrival, and when the 10th and 90th percent of <paramref name="expected"/> arrived.</summary>
    public object Stats(int expected)
    {
        double[] t;
        lock (_lock) t = [.. _times];
        double? At(double share) => expected > 0 && t.Length >= (int)(expected * share) && (int)(expected * share) > 0 ? t[(int)(expected * share) - 1] : null;
        return new { count = t.Length, first = t.Length > 0 ? t[0] : (double?)null, last = t.Length > 0 ? t[^1] : (double?)null, p10 = At(0.1), p90 = At(0.9) };
    }
}
