using System.Globalization;

namespace Whuffie.Tests.Infrastructure;

/// <summary>
/// The app's clock in tests: the real one, moved by WHUFFIE_TEST_CLOCK_SHIFT (a TimeSpan such as
/// <c>365.00:00:00</c>, or days: <c>365</c>). test.sh runs the date-sensitive classes a year ahead
/// with it, so a test that only passes this month fails now, not next month. Time still passes
/// (leases, timeouts and timers run as usual); only the date the app sees moves.
/// </summary>
public sealed class TestClock(TimeSpan shift) : TimeProvider
{
    public const string Variable = "WHUFFIE_TEST_CLOCK_SHIFT";

    public static TestClock FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text)) return new TestClock(TimeSpan.Zero);
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var shift)
            ? new TestClock(shift)
            : throw new InvalidOperationException($"{Variable} is '{text}'; give a TimeSpan such as 365.00:00:00, or a number of days.");
    }

    public TimeSpan Shift => shift;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;

    /// <summary>Now as the app's rows store it (UTC <see cref="DateTime"/>).</summary>
    public DateTime UtcNow => GetUtcNow().UtcDateTime;
}

/// <summary>
/// <c>[Trait(Clocks.Trait, Clocks.Wall)]</c> marks a class whose peer checks our times against the
/// real clock (a webhook receiver's five-minute window, a push service's token expiry). The shifted
/// run leaves it out: there the app is a year ahead of the world on purpose, which no real peer
/// would accept either.
/// </summary>
public static class Clocks
{
    public const string Trait = "Clock";
    public const string Wall = "Wall";
}
