namespace Whuffie.Limits;

/// <summary>How many requests one limit lets through in its window (<c>RateLimits:SignIn:Permits</c>, <c>…:Window</c>).</summary>
public sealed class Limit
{
    public int Permits { get; set; }
    public TimeSpan Window { get; set; }

    public Limit() { }

    public Limit(int permits, TimeSpan window) => (Permits, Window) = (permits, window);
}

/// <summary>
/// The <c>RateLimits</c> section. The defaults are far above what people do by hand, even a whole
/// office or library behind one address, and far below what a script does.
/// </summary>
public sealed class RateLimitSettings
{
    public Limit SignIn { get; set; } = new(60, TimeSpan.FromMinutes(15));
    public Limit SignUp { get; set; } = new(20, TimeSpan.FromHours(1));
    public Limit PasswordReset { get; set; } = new(20, TimeSpan.FromHours(1));
    public Limit MagicLink { get; set; } = new(20, TimeSpan.FromHours(1));
    public Limit Confirm { get; set; } = new(30, TimeSpan.FromMinutes(15));
    public Limit Comment { get; set; } = new(30, TimeSpan.FromMinutes(10));
    public Limit Vote { get; set; } = new(120, TimeSpan.FromMinutes(10));
    public Limit Search { get; set; } = new(300, TimeSpan.FromMinutes(5));
    public Limit Similar { get; set; } = new(300, TimeSpan.FromMinutes(5));
}
