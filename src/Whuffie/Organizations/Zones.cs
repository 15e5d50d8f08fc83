namespace Whuffie.Organizations;

/// <summary>
/// An organization's time zone: a notice that says "expected back 14:00" means 14:00 where the
/// power is out, whatever clock the server keeps (containers usually keep UTC).
/// </summary>
public static class Zones
{
    public const int MaxLength = 64;

    /// <summary>The zone an organization gets until an admin chooses: the country of its main language, else UTC.</summary>
    public static string DefaultFor(string language) => language switch
    {
        "da" => "Europe/Copenhagen",
        "sv" => "Europe/Stockholm",
        "nb" => "Europe/Oslo",
        "nl" => "Europe/Amsterdam",
        _ => "UTC",
    };

    /// <summary>The zone by its IANA name (from the system's tzdata), or null for a name it does not know.</summary>
    public static TimeZoneInfo? Find(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= MaxLength && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;

    /// <summary>Every IANA name the system knows, for the admin's list to choose from.</summary>
    public static IEnumerable<string> All() =>
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC").Order(StringComparer.Ordinal);

    /// <summary>A stored (UTC) time on the organization's clock.</summary>
    public static DateTime ToLocal(this Organization org, DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), org.Zone);

    /// <summary>
    /// A time as given (with an offset or "Z": as that says; without: on the organization's clock)
    /// in UTC; null for a wall-clock time the organization's clock skips (the hour lost to summer time).
    /// </summary>
    public static DateTime? ToUtc(this Organization org, DateTime given) => given.Kind switch
    {
        DateTimeKind.Utc => given,
        DateTimeKind.Local => given.ToUniversalTime(),
        _ when org.Zone.IsInvalidTime(given) => null,
        _ => TimeZoneInfo.ConvertTimeToUtc(given, org.Zone),
    };
}
