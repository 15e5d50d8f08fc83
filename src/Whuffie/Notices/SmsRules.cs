using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Deliveries;
using Whuffie.Organizations;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Notices;

/// <summary>
/// What keeps texts from costing an organization more than it meant to pay (SMS-pumping fraud:
/// a script subscribes premium or far-away numbers, and the gateway bills every confirmation
/// code). Texts go only to the calling codes the organization allows, and it sends only so many
/// confirmation and manage texts a day, counted in the database so every instance counts alike.
/// </summary>
public static partial class SmsRules
{
    /// <summary>
    /// An organization's own country, from its main language, until its admins choose: the five
    /// languages the app speaks name one country each, except English, which names none, so an
    /// English-speaking organization sends texts nowhere until it says where.
    /// </summary>
    public static IReadOnlyList<string> DefaultCountries(string language) => language switch
    {
        "da" => ["+45"],
        "sv" => ["+46"],
        "nb" => ["+47"],
        "nl" => ["+31"],
        _ => [],
    };

    /// <summary>The calling codes texts may go to.</summary>
    public static IReadOnlyList<string> Allowed(ChannelSettings? settings, Organization org) =>
        settings?.SmsCountries is { } chosen ? Parse(chosen) ?? [] : DefaultCountries(org.DefaultLanguage);

    /// <summary>"+45, +46" or "+45 +46" as a list of codes; null when one of them is not a calling code.</summary>
    public static List<string>? Parse(string text)
    {
        var codes = text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries).Select(c => c.StartsWith('+') ? c : "+" + c).Distinct().ToList();
        return codes.All(CallingCode().IsMatch) ? codes : null;
    }

    /// <summary>The codes as shown and stored, e.g. "+45, +46".</summary>
    public static string Show(IEnumerable<string> codes) => string.Join(", ", codes);

    public static bool Allows(IReadOnlyList<string> codes, string number) => codes.Any(c => number.StartsWith(c, StringComparison.Ordinal));

    public static int PerDay(ChannelSettings? settings, NoticeOptions options) => settings?.SmsTextsPerDay ?? options.SmsConfirmationsPerDay;

    /// <summary>
    /// The organization's confirmation and manage texts of the last 24 hours, and when the oldest
    /// of them was made. Written with the index's own condition (<see cref="WhuffieDb.AskedFilter"/>)
    /// so SQLite, which matches a partial index's condition by its terms, reads that small index.
    /// </summary>
    public static async Task<(int Count, DateTime? Oldest)> TextsLastDayAsync(WhuffieDb db, int orgId, DateTime now, CancellationToken ct)
    {
        var since = now - TimeSpan.FromDays(1);
        var sms = nameof(Channel.Sms);
        var row = await db.Database.SqlQueryRaw<TextCount>($$"""
            SELECT COUNT(*) AS "Count", MIN("CreatedAt") AS "Oldest" FROM "Deliveries"
            WHERE "OrganizationId" = {0} AND "Channel" = {1} AND "CreatedAt" > {2} AND {{WhuffieDb.AskedFilter}}
            """, orgId, sms, since).SingleAsync(ct);
        return ((int)row.Count, row.Oldest is { } o ? DateTime.SpecifyKind(o, DateTimeKind.Utc) : null);
    }

    /// <summary>Null while the organization may send another confirmation text today; otherwise the 429 to answer, with Retry-After.</summary>
    public static async Task<ProblemHttpResult?> DayIsSpentAsync(HttpContext http, WhuffieDb db, ChannelSettings? settings, NoticeOptions options, DateTime now, CancellationToken ct)
    {
        var (count, oldest) = await TextsLastDayAsync(db, db.Tenant.Current.Id, now, ct);
        if (count < PerDay(settings, options)) return null;
        // A text more may go once the oldest of the day's is a day old.
        var wait = (oldest ?? now) + TimeSpan.FromDays(1) - now;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problems.TooManyRequests(T("Notices.SmsDaySpent"));
    }

    private sealed class TextCount
    {
        public long Count { get; init; }
        public DateTime? Oldest { get; init; }
    }

    /// <summary>A plus and one to four digits (a country code, or a North American area's +1 and three digits).</summary>
    [GeneratedRegex(@"^\+[1-9][0-9]{0,3}$")]
    private static partial Regex CallingCode();
}
